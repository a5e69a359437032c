/**
 * Issue 13, point 11 (site): a free event is claimed — "Get ticket", no "Buy", no "time left to
 * pay", no "Total $0.00" — and counts use plural rules ("1 person is waiting", "1 event found").
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createEvent } from '../support/fixtures.js';
import { saveFailureScreens, signIn } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

describe('site: free events and counted words', function () {
  this.timeout(90_000);
  let site: Site;
  let alice: Page;
  let visitor: Page;
  let eventId = '';

  before(async () => {
    site = await startSite('free-e2e');
    const seller = (await site.api.signIn('Free Seller', 'seller')).api;
    eventId = (await createEvent(seller, { name: 'Open Air Poetry Zorblat', price: 0, totalTickets: 1 })).id;
    alice = await site.person();
    visitor = await site.person();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ alice, visitor }, this.currentTest.title);
  });
  after(async () => site?.stop());

  it('offers a free ticket to get, with nothing about paying', async () => {
    await signIn(alice, 'Alice Free', 'buyer', `/events/${eventId}`);
    await alice.getByTestId('join').waitFor();
    expect(await alice.getByTestId('quantity').locator('option').allInnerTexts()).to.deep.equal(['1 ticket', '2 tickets', '3 tickets', '4 tickets']);
    await alice.getByTestId('join').click();
    const offer = alice.getByTestId('offer');
    await offer.waitFor();
    const text = await offer.innerText();
    expect(await alice.getByTestId('buy').innerText()).to.equal('Get ticket');
    expect(text).to.match(/1 ticket is held for you/);
    expect(text).to.match(/time left to claim/i);
    expect(text).not.to.match(/buy|to pay|total|\$0\.00|0\.00/i);
    await alice.getByTestId('buy').click();
    await alice.waitForURL(/\/checkout\/success/);
  });

  it('counts waiting people and search results with the right word forms', async () => {
    const bob = (await site.api.signIn('Bob Waits', 'buyer')).api;
    expect((await bob.post(`/api/events/${eventId}/queue`, { quantity: 1 })).status).to.equal(201);
    await visitor.goto(`/events/${eventId}`);
    await visitor.getByTestId('sold-out').filter({ hasText: '1 person is waiting' }).waitFor();
    await visitor.goto('/search?q=Zorblat');
    await visitor.getByText('1 event found').waitFor();
  });
});
