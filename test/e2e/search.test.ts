/**
 * Issue 13, point 12: search filters speak plainly, a malformed link falls back to defaults, the
 * price filter compares one currency and says which; cancelled events are not "upcoming" and
 * their page shows no Live dot and no "Add to calendar".
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createEvent, inDays } from '../support/fixtures.js';
import { saveFailureScreens } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

describe('site: search filters and cancelled events', function () {
  this.timeout(90_000);
  let site: Site;
  let page: Page;
  const word = `srch${Date.now().toString(36)}`;
  let dollars: { id: string };
  let cancelled: { id: string };

  before(async () => {
    site = await startSite('search-e2e');
    const seller = (await site.api.signIn('Search Seller', 'seller')).api;
    dollars = await createEvent(seller, { name: `${word} Dollar Night`, price: 2000, currency: 'usd', eventDate: inDays(3) });
    await createEvent(seller, { name: `${word} Euro Night`, price: 2000, currency: 'eur', eventDate: inDays(4) });
    cancelled = await createEvent(seller, { name: `${word} Called Off`, price: 2000, eventDate: inDays(2) });
    await seller.post(`/api/events/${cancelled.id}/cancel`);
    page = await site.person();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ page }, this.currentTest.title);
  });
  after(async () => site?.stop());

  const names = () => page.getByTestId('event-card').locator('h3').allInnerTexts();

  it('does not list a cancelled event among the upcoming ones on the home page', async () => {
    await page.goto('/');
    await page
      .getByTestId('event-card')
      .filter({ hasText: `${word} Dollar Night` })
      .waitFor();
    expect((await names()).filter((n) => n.includes(word))).to.deep.equal([`${word} Dollar Night`, `${word} Euro Night`]);
  });

  it('says in words what is wrong with the filters and searches nothing until it is fixed', async () => {
    await page.goto(`/search?q=${word}`);
    await page.getByTestId('event-card').first().waitFor();
    await page.getByTestId('f-min').fill('50');
    await page.getByTestId('f-max-price').fill('10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('alert').filter({ hasText: 'The lowest price is above the highest one.' }).waitFor();
    expect(new URL(page.url()).searchParams.get('minPrice')).to.equal(null);
    await page.getByTestId('f-from').fill('2031-05-10');
    await page.getByTestId('f-to').fill('2031-05-01');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('alert').filter({ hasText: 'The start date is after the end date.' }).waitFor();
  });

  it('falls back to defaults for a malformed or contradictory link instead of showing an error', async () => {
    for (const query of [
      `q=${word}&minPrice=abc&maxPrice=-4&from=2026-13-45&to=soon&page=-3&available=maybe&currency=$$`,
      `q=${word}&minPrice=50&maxPrice=10&from=2031-05-10&to=2031-05-01`,
    ]) {
      await page.goto(`/search?${query}`);
      await page
        .getByTestId('event-card')
        .filter({ hasText: `${word} Dollar Night` })
        .waitFor();
      expect(await page.locator('[role="alert"]').allInnerTexts()).to.deep.equal([]);
      expect(await page.getByTestId('f-min').inputValue()).to.equal('');
      expect(await page.getByTestId('f-from').inputValue()).to.equal('');
    }
  });

  it('compares prices within the chosen currency only, and says which', async () => {
    await page.goto(`/search?q=${word}`);
    await page.getByTestId('event-card').first().waitFor();
    await page.getByTestId('f-max-price').fill('25');
    await page.getByTestId('f-currency').selectOption('eur');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/currency=eur/);
    await page.getByText('1 event found').waitFor();
    expect(await names()).to.deep.equal([`${word} Euro Night`]);
    expect(await page.getByTestId('f-price-group').innerText()).to.match(/Only events priced in EUR are shown/);
  });

  it('shows a cancelled event without the Live dot or "Add to calendar"', async () => {
    await page.goto(`/events/${cancelled.id}`);
    await page.getByTestId('cancelled').waitFor();
    await page.getByTestId('share').waitFor();
    expect(await page.getByTestId('add-to-calendar').count()).to.equal(0);
    expect(
      await page
        .locator('main [role="status"]')
        .filter({ hasText: /^(Live|Connecting…|Reconnecting…)$/ })
        .count(),
    ).to.equal(0);
    await page.goto(`/events/${dollars.id}`);
    await page.getByTestId('add-to-calendar').waitFor();
  });
});
