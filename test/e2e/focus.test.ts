/**
 * Issue 13, point 20: where keyboard focus is. Event cards show it; a route change puts it on the
 * new page's heading; an action that removes the focused button puts it on what replaced it; the
 * sign-in page starts in its first field.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createEvent } from '../support/fixtures.js';
import { saveFailureScreens } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

/** What has focus now: tag, test id and text, for readable failures. */
function focused(page: Page): Promise<{ tag: string; testId: string | null; text: string; inside: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      testId: el?.getAttribute('data-testid') ?? null,
      text: (el?.innerText ?? '').trim().slice(0, 80),
      inside: el?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
    };
  });
}

describe('site: keyboard focus', function () {
  this.timeout(90_000);
  let site: Site;
  let buyer: Page;
  let eventId = '';

  before(async () => {
    site = await startSite('focus-e2e');
    const seller = (await site.api.signIn('Focus Seller', 'seller')).api;
    eventId = (await createEvent(seller, { name: 'Keyboard Jam Session', totalTickets: 5 })).id;
    buyer = await site.person();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ buyer }, this.currentTest.title);
  });
  after(async () => site?.stop());

  it('starts the sign-in page in its first field', async () => {
    await buyer.goto('/sign-in');
    await buyer.getByTestId('name').waitFor();
    await buyer.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'name', undefined, { timeout: 5_000 });
    // Typing right away fills the name.
    await buyer.keyboard.type('Kay Board');
    expect(await buyer.getByTestId('name').inputValue()).to.equal('Kay Board');
    await buyer.locator('label', { has: buyer.getByTestId('role-buyer') }).click();
    await buyer.getByTestId('sign-in').click();
    await buyer.waitForURL((url) => url.pathname === '/');
  });

  it('shows where focus is on an event card, and moves focus to the heading of the page it opens', async () => {
    await buyer.goto('/');
    const card = buyer.getByTestId('event-card').filter({ hasText: 'Keyboard Jam Session' });
    await card.waitFor();
    const outlineBefore = await card.evaluate((el) => getComputedStyle(el).outlineStyle);
    await card.getByRole('link').focus();
    await buyer.keyboard.press('Shift+Tab');
    await buyer.keyboard.press('Tab'); // keyboard focus, so :focus-visible applies
    const ring = await card.evaluate((el) => ({ style: getComputedStyle(el).outlineStyle, width: parseFloat(getComputedStyle(el).outlineWidth) }));
    expect(outlineBefore).to.equal('none');
    expect(ring.style).to.equal('solid');
    expect(ring.width).to.be.greaterThan(0);

    await buyer.keyboard.press('Enter');
    await buyer.waitForURL(`**/events/${eventId}`);
    await buyer.waitForFunction(() => document.activeElement?.tagName === 'H1', undefined, { timeout: 5_000 });
    expect((await focused(buyer)).text).to.equal('Keyboard Jam Session');

    // A link in the header moves focus to the next page's heading too.
    await buyer.getByRole('link', { name: 'My tickets' }).click();
    await buyer.waitForFunction(() => document.activeElement?.tagName === 'H1', undefined, { timeout: 5_000 });
    expect((await focused(buyer)).text).to.equal('My tickets');
  });

  it('moves focus to what replaced a button an action removed: Join → the offer, Give back → its confirmation', async () => {
    await buyer.goto(`/events/${eventId}`);
    await buyer.getByTestId('join').focus();
    await buyer.keyboard.press('Enter');
    await buyer.getByTestId('offer').waitFor();
    await buyer.waitForFunction(() => document.activeElement?.closest('[data-testid="offer"]') !== null, undefined, { timeout: 5_000 });
    expect((await focused(buyer)).text).to.match(/your turn/i);

    // Giving back asks first (focus in the dialog), then focus lands on the confirmation that replaced the offer.
    await buyer.getByTestId('give-back').focus();
    await buyer.keyboard.press('Enter');
    const dialog = buyer.getByRole('alertdialog');
    await dialog.waitFor();
    await buyer.waitForFunction(() => document.activeElement?.closest('[role="alertdialog"]') !== null, undefined, { timeout: 5_000 });
    await dialog.getByRole('button', { name: 'Give it back' }).focus();
    await buyer.keyboard.press('Enter');
    await buyer.getByTestId('gave-back').waitFor();
    await buyer.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'gave-back', undefined, { timeout: 5_000 });
  });
});
