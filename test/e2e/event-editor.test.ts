/**
 * Issue 13, point 14: the event editor speaks to people. No schema jargon ("expected string to
 * have >=1 characters", "Invalid ISO datetime") in any message, whether the browser or the server
 * found the problem; fields side by side keep their inputs on one line.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { inDays } from '../support/fixtures.js';
import { saveFailureScreens, signIn } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

const JARGON = /expected|received|invalid|too small|too big|>=|<=|NaN|ISO|regex/i;

async function messages(page: Page): Promise<Record<string, string>> {
  return page.locator('[aria-invalid="true"]').evaluateAll((els) =>
    Object.fromEntries(
      els.map((el) => {
        const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'));
        return [(el as HTMLElement).dataset.testid ?? el.id, ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ')];
      }),
    ),
  );
}

describe('site: the event editor’s messages and layout', function () {
  this.timeout(90_000);
  let site: Site;
  let seller: Page;

  before(async () => {
    site = await startSite('editor-e2e');
    seller = await site.person();
    await signIn(seller, 'Editor Seller', 'seller', '/seller');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ seller }, this.currentTest.title);
  });
  after(async () => site?.stop());

  it('says what to enter in each wrong field, in plain words', async () => {
    await seller.goto('/seller/events/new');
    await seller.getByTestId('f-total').fill('0');
    await seller.getByTestId('f-max').fill('12');
    await seller.getByTestId('f-window').fill('');
    await seller.locator('textarea[placeholder="https://example.com"]').fill('https://example.com/tickets');
    await seller.getByTestId('save-event').click();
    await seller.locator('[aria-invalid="true"]').first().waitFor();
    const found = await messages(seller);
    expect(found['f-name']).to.equal('Give the event a name (up to 200 characters).');
    expect(found['f-location']).to.equal('Say where it takes place, such as the venue and city.');
    expect(found['f-date']).to.equal('Pick the date and time of the event.');
    expect(found['f-price']).to.match(/Enter a price per ticket/);
    expect(found['f-total']).to.match(/at least 1/);
    expect(found['f-max']).to.match(/from 1 to 10/);
    expect(found['f-window']).to.match(/minutes from 1 to 60/);
    for (const [field, text] of Object.entries(found)) expect(text, field).not.to.match(JARGON);
    const all = await seller.getByTestId('event-form').innerText();
    expect(all).not.to.match(/expected|>=|Invalid ISO/);
  });

  it('puts the server’s findings on their fields in plain words too (a date in the past)', async () => {
    await seller.goto('/seller/events/new');
    await seller.getByTestId('f-name').fill('Yesterday’s Show');
    await seller.getByTestId('f-location').fill('Back Room, Lyon');
    await seller.getByTestId('f-date').fill(inDays(-1).slice(0, 16));
    await seller.getByTestId('f-price').fill('12');
    await seller.getByTestId('save-event').click();
    await seller.locator('[data-testid="f-date"][aria-invalid="true"]').waitFor();
    expect((await messages(seller))['f-date']).to.equal('Pick a date and time in the future.');
    expect(await seller.getByTestId('event-form').innerText()).not.to.match(/must be in the future|eventDate/);
  });

  it('ties each input to its label and to the one message shown under it: the hint, or the error in its place', async () => {
    const location = seller.getByTestId('f-location');
    /** The input's label, the text of each element its aria-describedby names (what a screen reader reads), and aria-invalid. */
    const wiring = () =>
      location.evaluate((el) => {
        const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
        return {
          label: (el as HTMLInputElement).labels?.[0]?.textContent?.trim(),
          described: ids.map((id) => document.getElementById(id)?.textContent?.trim()),
          invalid: el.getAttribute('aria-invalid'),
        };
      });
    const danglingReferences = () =>
      seller
        .getByTestId('event-form')
        .locator('[aria-describedby]')
        .evaluateAll((els) =>
          els.flatMap((el) =>
            el
              .getAttribute('aria-describedby')!
              .split(' ')
              .filter((id) => id && !document.getElementById(id)),
          ),
        );
    await seller.goto('/seller/events/new');
    expect(await wiring()).to.deep.equal({ label: 'Location', described: ['Venue and city'], invalid: 'false' });
    expect(await danglingReferences()).to.deep.equal([]);
    await seller.getByTestId('save-event').click();
    await seller.locator('[data-testid="f-location"][aria-invalid="true"]').waitFor();
    expect(await wiring()).to.deep.equal({ label: 'Location', described: ['Say where it takes place, such as the venue and city.'], invalid: 'true' });
    expect(await danglingReferences()).to.deep.equal([]);
  });

  it('keeps inputs side by side on one line, with or without a hint or an error', async () => {
    const top = (id: string) => seller.locator(id).evaluate((el) => Math.round(el.getBoundingClientRect().top));
    const pairs = [
      ['[data-testid="f-date"]', '[data-testid="f-timezone"]'],
      ['[data-testid="f-price"]', '[data-testid="f-currency"]'],
      ['[data-testid="f-total"]', '[data-testid="f-max"]'],
      ['[data-testid="f-window"]', '[data-testid="f-sales-start"]'],
    ];
    // 660 px: two columns, narrow enough for the long labels to wrap onto two lines.
    for (const width of [1280, 660]) {
      await seller.setViewportSize({ width, height: 900 });
      await seller.goto('/seller/events/new');
      for (const [a, b] of pairs) expect(await top(a!), `${a} and ${b} at ${width}px`).to.equal(await top(b!));
      await seller.getByTestId('save-event').click();
      await seller.locator('[aria-invalid="true"]').first().waitFor();
      for (const [a, b] of pairs) expect(await top(a!), `${a} and ${b} with errors shown at ${width}px`).to.equal(await top(b!));
    }
    await seller.setViewportSize({ width: 1280, height: 800 });
  });
});
