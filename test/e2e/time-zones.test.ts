/**
 * Issue 13, point 5: an event keeps its venue's time zone, picked in the editor (the browser's by
 * default), and every date is shown in the venue's local time with the zone named — to a buyer in
 * another zone too, in the widget's formats and in the .ics file.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { formattersFor } from '../../widget/src/i18n/format.js';
import { buildIcs } from '../../frontend/src/lib/ics.js';
import { saveFailureScreens, signIn } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

describe("site: dates in the venue's time zone", function () {
  this.timeout(90_000);
  let site: Site;
  let seller: Page; // browser in Europe/Paris
  let tokyo: Page; // a buyer whose browser is in Asia/Tokyo
  let eventId = '';

  before(async () => {
    site = await startSite('time-zones-e2e');
    seller = await site.person();
    const context = await site.browser.newContext({ baseURL: site.origin, locale: 'en-US', timezoneId: 'Asia/Tokyo' });
    tokyo = await context.newPage();
    await signIn(seller, 'Zone Seller', 'seller', '/seller');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ seller, tokyo }, this.currentTest.title);
  });
  after(async () => site?.stop());

  it("defaults the editor to the browser's zone, and reads the typed time in the zone picked", async () => {
    await seller.goto('/seller/events/new');
    expect(await seller.getByTestId('f-timezone').inputValue()).to.equal('Europe/Paris');
    await seller.getByTestId('f-name').fill('Brooklyn Rooftop Set');
    await seller.getByTestId('f-location').fill('Rooftop, Brooklyn NY');
    await seller.getByTestId('f-timezone').selectOption('America/New_York');
    await seller.getByTestId('f-date').fill('2030-06-15T20:00');
    await seller.getByTestId('f-price').fill('30');
    await seller.getByTestId('save-event').click();
    await seller.waitForURL((url) => /^\/seller\/events\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
    eventId = new URL(seller.url()).pathname.split('/').pop()!;
    const event = (await site.api.get(`/api/events/${eventId}`)).body;
    expect(event).to.include({ timeZone: 'America/New_York', eventDate: '2030-06-16T00:00:00.000Z' });
    // Editing shows the same wall time again, though this browser is in Paris.
    await seller.goto(`/seller/events/${eventId}/edit`);
    await seller.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid="f-date"]')?.value === '2030-06-15T20:00');
  });

  it("shows a buyer in Tokyo the venue's local time with the zone named", async () => {
    await tokyo.goto(`/events/${eventId}`);
    const when = tokyo.locator('time').first();
    await when.waitFor();
    expect(await when.innerText()).to.equal('Saturday, June 15, 2030 at 8:00 PM EDT');
    await tokyo.goto('/search?q=Brooklyn');
    const card = tokyo.getByTestId('event-card').filter({ hasText: 'Brooklyn Rooftop Set' });
    await card.waitFor();
    expect(await card.locator('time').innerText()).to.equal('Sat, Jun 15, 8:00 PM EDT');
  });

  it('names the zone in the widget and in the calendar file', () => {
    expect(formattersFor('en-US').dateTime('2030-06-16T00:00:00.000Z', 'America/New_York')).to.equal('Saturday, June 15, 2030 at 8:00 PM EDT');
    expect(formattersFor('fr-FR').dateTime('2030-06-16T00:00:00.000Z', 'America/New_York')).to.match(/samedi 15 juin 2030.*20:00.*UTC−4/);
    const ics = buildIcs({
      uid: 'x@queuetix',
      title: 'Set',
      description: 'd',
      location: 'l',
      start: new Date('2030-06-16T00:00:00Z'),
      timeZone: 'America/New_York',
    });
    expect(ics).to.contain('X-WR-TIMEZONE:America/New_York');
    expect(ics).to.contain('DTSTART:20300616T000000Z');
  });
});
