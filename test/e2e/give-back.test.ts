/** Issue 13, point 8: giving tickets back asks first, and says afterwards that it is done. */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { Api } from '../support/api.js';
import { createEvent } from '../support/fixtures.js';
import { saveFailureScreens, signIn } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

describe('site: giving tickets back', function () {
  this.timeout(90_000);
  let site: Site;
  let buyer: Page;
  let next: Api;
  let eventId = '';

  before(async () => {
    site = await startSite('give-back-e2e');
    const seller = (await site.api.signIn('Give Back Seller', 'seller')).api;
    eventId = (await createEvent(seller, { name: 'Second Chance Show', totalTickets: 2, price: 1500 })).id;
    buyer = await site.person();
    next = (await site.api.signIn('Next In Line', 'buyer')).api;
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ buyer }, this.currentTest.title);
  });
  after(async () => site?.stop());

  it('asks before giving tickets back; "keep" leaves the offer as it was', async () => {
    await signIn(buyer, 'Generous Buyer', 'buyer', `/events/${eventId}`);
    await buyer.getByTestId('quantity').selectOption('2');
    await buyer.getByTestId('join').click();
    await buyer.getByTestId('offer').waitFor();
    expect((await next.post(`/api/events/${eventId}/queue`, { quantity: 2 })).body.status).to.equal('waiting');

    await buyer.getByTestId('give-back').click();
    const dialog = buyer.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).to.match(/Give back your 2 tickets\?[\s\S]*next person in line/);
    await dialog.getByRole('button', { name: 'Keep them held' }).click();
    await dialog.waitFor({ state: 'detached' });
    await buyer.getByTestId('offer').waitFor();
    expect((await next.get(`/api/events/${eventId}/queue/me`)).body.status).to.equal('waiting');
  });

  it('gives them back once confirmed, says so, and the next buyer gets the offer', async () => {
    await buyer.getByTestId('give-back').click();
    await buyer.getByRole('alertdialog').getByRole('button', { name: 'Give them back' }).click();
    const done = buyer.getByTestId('gave-back');
    await done.waitFor();
    expect(await done.innerText()).to.match(/Tickets given back[\s\S]*next person in line has them now/);
    expect(await buyer.getByTestId('offer').count()).to.equal(0);
    expect((await next.get(`/api/events/${eventId}/queue/me`)).body.status).to.equal('offered');
  });
});
