/**
 * Issue 13, point 4 in the browser: the price is required (0 only when the seller ticks "free"),
 * and an event can be saved as a draft, previewed by its owner and published later.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { inDays } from '../support/fixtures.js';
import { saveFailureScreens, signIn } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

describe('site: drafts and a required price in the event editor', function () {
  this.timeout(90_000);
  let site: Site;
  let seller: Page;
  let buyer: Page;

  before(async () => {
    site = await startSite('drafts-e2e');
    seller = await site.person();
    buyer = await site.person();
    await signIn(seller, 'Draft Seller', 'seller', '/seller');
    await signIn(buyer, 'Curious Buyer', 'buyer', '/');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ seller, buyer }, this.currentTest.title);
  });
  after(async () => site?.stop());

  async function fillBasics(name: string) {
    await seller.goto('/seller/events/new');
    await seller.getByTestId('f-name').fill(name);
    await seller.getByTestId('f-location').fill('Salle Pleyel, Paris');
    await seller.getByTestId('f-date').fill(inDays(20).slice(0, 16));
  }

  it('refuses a blank price or 0 unless "Free event" is ticked, and saves nothing', async () => {
    await fillBasics('Blank Price Gala');
    await seller.getByTestId('save-event').click();
    await seller.locator('[data-testid="f-price"][aria-invalid="true"]').waitFor();
    const message = await seller.locator('[role="alert"]').filter({ hasText: 'price' }).first().innerText();
    expect(message).to.match(/Enter a price per ticket, or tick “Free event”/);
    await seller.getByTestId('f-price').fill('0');
    await seller.getByTestId('save-event').click();
    await seller.getByText('A price of 0 makes the event free').waitFor();
    expect(new URL(seller.url()).pathname).to.equal('/seller/events/new');
    expect((await site.api.get('/api/events?q=Blank+Price+Gala')).body.total).to.equal(0);

    await seller.getByTestId('f-free').check();
    expect(await seller.getByTestId('f-price').isDisabled()).to.equal(true);
    await seller.getByTestId('save-event').click();
    await seller.waitForURL((url) => /^\/seller\/events\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
    const id = new URL(seller.url()).pathname.split('/').pop()!;
    expect((await site.api.get(`/api/events/${id}`)).body).to.include({ price: 0, status: 'published' });
  });

  it('saves a draft that only its owner sees, previews it, then publishes it for buyers', async () => {
    await fillBasics('Quiet Draft Recital');
    await seller.getByTestId('f-price').fill('30');
    await seller.getByTestId('save-draft').click();
    await seller.getByTestId('draft-notice').waitFor();
    const id = new URL(seller.url()).pathname.split('/').pop()!;
    expect((await site.api.get(`/api/events/${id}`)).status).to.equal(404);

    // The buyer neither finds nor opens it.
    await buyer.goto('/search?q=Quiet+Draft');
    await buyer.getByText('No events match these filters.').waitFor();
    await buyer.goto(`/events/${id}`);
    await buyer.getByText('Event not found').waitFor();
    expect(await buyer.getByTestId('event-name').count()).to.equal(0);

    // The owner previews it: the page as buyers will see it, with no way to join yet.
    await seller.getByTestId('preview-event').click();
    await seller.waitForURL(`**/events/${id}`);
    await seller.getByTestId('event-name').filter({ hasText: 'Quiet Draft Recital' }).waitFor();
    await seller.getByTestId('draft-closed').waitFor();
    expect(await seller.getByTestId('join').count()).to.equal(0);
    expect(await seller.getByTestId('draft-notice').innerText()).to.match(/Preview of your draft/);

    await seller.getByTestId('publish-event').click();
    await seller.getByTestId('draft-notice').waitFor({ state: 'detached' });
    expect((await site.api.get(`/api/events/${id}`)).body).to.include({ status: 'published', price: 3000 });
    await buyer.goto(`/events/${id}`);
    await buyer.getByTestId('join').waitFor();
  });
});
