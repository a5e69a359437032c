/**
 * Issue 13, points 13 and 17: pages for things that do not exist say so with a heading, a way back
 * and a document title; states a person is expected to be in (not in line yet, not a seller yet)
 * are no red errors, neither on the page nor in the console; a buyer on /seller is invited to sell.
 */
import { expect } from 'chai';
import type { ConsoleMessage, Page } from 'playwright-core';
import { createEvent } from '../support/fixtures.js';
import { saveFailureScreens, signIn } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

describe('site: error pages and expected states', function () {
  this.timeout(90_000);
  let site: Site;
  let buyer: Page;
  const consoleErrors: string[] = [];
  let eventId = '';

  before(async () => {
    site = await startSite('error-pages-e2e');
    buyer = await site.person();
    buyer.on('console', (m: ConsoleMessage) => m.type() === 'error' && consoleErrors.push(`${m.text()} @ ${m.location().url}`));
    const seller = (await site.api.signIn('Error Page Seller', 'seller')).api;
    eventId = (await createEvent(seller, { name: 'Calm Evening' })).id;
    await signIn(buyer, 'Wandering Buyer', 'buyer', '/');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ buyer }, this.currentTest.title);
  });
  after(async () => site?.stop());

  for (const [what, path, heading, back] of [
    ['an unknown event', '/events/ev_nosuchevent00000000', 'Event not found', '/search'],
    ['an unknown ticket', '/tickets/tk_nosuchticket0000000', 'Ticket not found', '/tickets'],
    ['an unknown checkout session', '/demo-checkout/cs_demo_nosuchsession', 'Checkout session not found', '/tickets'],
  ] as const) {
    it(`shows ${what} with a heading, a way back and a title that names it`, async () => {
      await buyer.goto(path);
      const h1 = buyer.getByRole('heading', { level: 1 });
      await h1.filter({ hasText: heading }).waitFor();
      expect(await buyer.title()).to.equal(`${heading} · Queuetix`);
      const backLink = buyer.getByTestId('page-error-back');
      expect(await backLink.getAttribute('href')).to.equal(back);
      await backLink.click();
      await buyer.waitForURL((url) => url.pathname === back);
    });
  }

  it('shows an event to a buyer who is not in its line without any error on the page or in the console', async () => {
    consoleErrors.length = 0;
    await buyer.goto(`/events/${eventId}`);
    await buyer.getByTestId('join').waitFor();
    await buyer.waitForTimeout(500);
    expect(await visibleAlerts(buyer)).to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it('invites a buyer on /seller to start selling (no access error), and one click makes them a seller', async () => {
    consoleErrors.length = 0;
    await buyer.goto('/seller');
    await buyer.getByTestId('seller-invitation').waitFor();
    expect(await buyer.getByRole('heading', { level: 1 }).innerText()).to.equal('Sell tickets on Queuetix');
    expect(await visibleAlerts(buyer)).to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
    // Another seller page sends them to the same invitation.
    await buyer.goto('/seller/events/new');
    await buyer.waitForURL((url) => url.pathname === '/seller');
    await buyer.getByTestId('start-selling').click();
    await buyer.getByTestId('new-event').waitFor();
    expect(consoleErrors).to.deep.equal([]);
    const me = await buyer.evaluate(async () =>
      (await fetch('/api/me', { headers: { Authorization: `Bearer ${localStorage.getItem('queuetix.token')}` } })).json(),
    );
    expect(me.user).to.include({ name: 'Wandering Buyer', role: 'seller' });
  });
});

/** Texts of alerts a person would see (the screen-reader announcer's empty live region is no alert). */
function visibleAlerts(page: Page): Promise<string[]> {
  return page.locator('[role="alert"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()).filter(Boolean));
}
