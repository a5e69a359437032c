/**
 * Issue 15 in the browser: a seller sells several ticket types with a hidden presale type, makes
 * an access code and a discount code, and sees sales broken down by type and code; a buyer picks
 * two types, applies the discount code and pays the discounted total; a buyer whose type sells out
 * while waiting changes the request and keeps the place.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { Api } from '../support/api.js';
import { inDays, payOffer } from '../support/fixtures.js';
import { saveFailureScreens, shoot, signIn } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

describe('site: ticket types, access codes and discount codes', function () {
  this.timeout(150_000);
  let site: Site;
  let seller: Page;
  let buyer: Page;
  let eventId = '';
  let types: { id: string; name: string; hidden: boolean }[] = [];

  before(async () => {
    site = await startSite('ticket-types-e2e');
    seller = await site.person();
    buyer = await site.person();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ seller, buyer }, this.currentTest.title);
  });
  after(async () => site?.stop());

  it('lets a seller make an event of three types, one hidden, sharing a venue limit', async () => {
    await signIn(seller, 'Riverside Hall', 'seller', '/seller');
    await seller.goto('/seller/onboarding');
    await seller.getByTestId('start-onboarding').click();
    await seller.getByTestId('create-first-event').waitFor();

    await seller.goto('/seller/events/new');
    await seller.getByTestId('f-name').fill('Spring Jazz Weekend');
    await seller.getByTestId('f-location').fill('Riverside Hall, Lyon');
    await seller.getByTestId('f-date').fill('2027-04-17T20:00');
    await seller.getByTestId('f-max').fill('4');
    await seller.getByTestId('use-types').click();
    const rows = seller.getByTestId('type-form');
    await rows.nth(1).waitFor();
    await rows.nth(0).getByTestId('tt-name').fill('Standing');
    await rows.nth(0).getByTestId('tt-price').fill('30');
    await rows.nth(0).getByTestId('tt-capacity').fill('100');
    await rows.nth(1).getByTestId('tt-name').fill('VIP balcony');
    await rows.nth(1).getByTestId('tt-price').fill('80');
    await rows.nth(1).getByTestId('tt-capacity').fill('10');
    await rows.nth(1).getByTestId('tt-max').fill('2');
    await seller.getByTestId('add-type').click();
    await rows.nth(2).getByTestId('tt-name').fill('Members presale');
    await rows.nth(2).getByTestId('tt-price').fill('25');
    await rows.nth(2).getByTestId('tt-capacity').fill('20');
    await rows.nth(2).getByTestId('tt-hidden').check();
    // Reordering: the presale goes first, then back last.
    await rows.nth(2).getByTestId('type-up').click();
    expect(await rows.nth(1).getByTestId('tt-name').inputValue()).to.equal('Members presale');
    await rows.nth(1).getByTestId('type-down').click();
    await seller.getByTestId('f-capacity').fill('120');
    await shoot(seller, 'seller-ticket-types');
    await seller.getByTestId('save-event').click();
    await seller.waitForURL((url) => /^\/seller\/events\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
    eventId = new URL(seller.url()).pathname.split('/').pop()!;

    const sellerApi = await apiOf(site, seller);
    const event = (await sellerApi.get(`/api/events/${eventId}`)).body;
    types = event.ticketTypes;
    expect(event.ticketTypes.map((t: any) => [t.name, t.price, t.capacity, t.maxPerBuyer, t.hidden])).to.deep.equal([
      ['Standing', 3000, 100, 4, false],
      ['VIP balcony', 8000, 10, 2, false],
      ['Members presale', 2500, 20, 4, true],
    ]);
    expect(event.capacity).to.equal(120);
    // Buyers do not see the hidden type.
    const publicView = (await site.api.get(`/api/events/${eventId}`)).body;
    expect(publicView.ticketTypes.map((t: any) => t.name)).to.deep.equal(['Standing', 'VIP balcony']);
  });

  it('lets the seller make a discount code for one type and an access code for the presale', async () => {
    const manager = seller.getByTestId('codes-manager');
    await manager.waitFor();
    await manager.getByTestId('cm-code').fill('spring20');
    await manager.getByTestId('cm-off').fill('20');
    await manager.getByTestId(`cm-type-${typeId('Standing')}`).check();
    await manager.getByTestId('cm-max').fill('100');
    await manager.getByTestId('cm-create').click();
    await manager.getByTestId('code-row').filter({ hasText: 'SPRING20' }).waitFor();

    await manager.getByTestId('cm-kind-access').check();
    await manager.getByTestId('cm-code').fill('FANS-2027');
    await manager.getByTestId(`cm-type-${typeId('Members presale')}`).check();
    await manager.getByTestId('cm-create').click();
    const access = manager.getByTestId('code-row').filter({ hasText: 'FANS-2027' });
    await access.waitFor();
    expect(await access.innerText()).to.contain('Unlocks Members presale');
    expect(await manager.getByTestId('code-row').filter({ hasText: 'SPRING20' }).innerText())
      .to.contain('20% off Standing')
      .and.to.contain('0 used of 100');
    await shoot(seller, 'seller-codes');
  });

  it('shows a buyer each type with its price and live availability, with steppers inside the limits', async () => {
    await signIn(buyer, 'Camille Durand', 'buyer', `/events/${eventId}`);
    const picker = buyer.getByTestId('type-picker');
    await picker.waitFor();
    const standing = row(buyer, 'Standing');
    const vip = row(buyer, 'VIP balcony');
    expect(await buyer.getByTestId('type-row').count()).to.equal(2);
    expect(await standing.getByTestId('type-availability').innerText()).to.contain('100 left');
    await vip.getByTestId('step-up').click();
    await vip.getByTestId('step-up').click();
    // VIP allows two per buyer.
    expect(await vip.getByTestId('step-up').isDisabled()).to.equal(true);
    await standing.getByTestId('step-up').click();
    await standing.getByTestId('step-up').click();
    // Four in all per order: Standing cannot go past the two the order has left.
    expect(await standing.getByTestId('step-up').isDisabled()).to.equal(true);
    await vip.getByTestId('step-down').click();
    expect(await buyer.getByTestId('picker-total').innerText()).to.contain('3 tickets chosen');
    await shoot(buyer, 'event-type-picker');
  });

  it('applies a discount code and says what it takes off', async () => {
    await buyer.getByTestId('have-code').click();
    await buyer.getByTestId('code-input').fill('nope-code');
    await buyer.getByTestId('code-apply').click();
    await buyer.getByTestId('code-error').waitFor();
    await buyer.getByTestId('code-input').fill('spring20');
    await buyer.getByTestId('code-apply').click();
    const applied = buyer.getByTestId('code-applied');
    await applied.waitFor();
    expect(await applied.innerText())
      .to.contain('SPRING20')
      .and.to.contain('20% off Standing');
    expect(await buyer.getByTestId('code-error').count()).to.equal(0);
    await shoot(buyer, 'event-code-discount');
  });

  it('joins for two types and offers them with unit prices, the discount and the total', async () => {
    await buyer.getByTestId('join').click();
    const offer = buyer.getByTestId('offer');
    await offer.waitFor();
    const lines = await offer.getByTestId('order-line').allInnerTexts();
    expect(lines.map((l) => l.replace(/\s+/g, ' '))).to.deep.equal(['Standing × 2 $60.00', 'VIP balcony × 1 $80.00']);
    expect(await offer.getByTestId('order-discount').innerText()).to.match(/SPRING20[\s\S]*−\$12\.00/);
    expect(await offer.getByTestId('order-total').innerText()).to.equal('$128.00');
    await shoot(buyer, 'event-offer-types');
  });

  it('charges the discounted total at checkout, one ticket per type and price', async () => {
    await buyer.getByTestId('buy').click();
    await buyer.waitForURL(/\/demo-checkout\//);
    expect(await buyer.getByTestId('demo-amount').innerText()).to.equal('$128.00');
    expect((await buyer.getByTestId('order-line').allInnerTexts()).map((l) => l.replace(/\s+/g, ' '))).to.deep.equal([
      'Standing × 2 $60.00',
      'VIP balcony × 1 $80.00',
    ]);
    expect(await buyer.getByTestId('order-discount').innerText()).to.contain('−$12.00');
    await buyer.getByTestId('demo-pay').click();
    await buyer.waitForURL(/\/checkout\/success/);
    await buyer.getByTestId('success-title').waitFor({ timeout: 20_000 });
    const buyerApi = await apiOf(site, buyer);
    const tickets = (await buyerApi.get('/api/tickets')).body;
    const mine = (Array.isArray(tickets) ? tickets : tickets.items).filter((t: any) => t.eventId === eventId);
    expect(mine.map((t: any) => [t.typeName, t.amount]).sort()).to.deep.equal([
      ['Standing', 2400],
      ['Standing', 2400],
      ['VIP balcony', 8000],
    ]);
  });

  it('unlocks the hidden presale type with the access code', async () => {
    const fan = await site.person();
    await signIn(fan, 'Loyal Member', 'buyer', `/events/${eventId}`);
    await fan.getByTestId('type-picker').waitFor();
    expect(await fan.getByTestId('type-row').count()).to.equal(2);
    await fan.getByTestId('have-code').click();
    await fan.getByTestId('code-input').fill('fans-2027');
    await fan.getByTestId('code-apply').click();
    await fan.getByTestId('code-applied').filter({ hasText: 'Unlocks Members presale' }).waitFor();
    const members = row(fan, 'Members presale');
    await members.waitFor();
    await members.getByTestId('step-up').click();
    await fan.getByTestId('join').click();
    await fan.getByTestId('offer').getByTestId('order-line').filter({ hasText: 'Members presale' }).waitFor();
    await fan.context().close();
  });

  it('breaks the sales down by type and by code for the seller, and exports the orders', async () => {
    await seller.goto(`/seller/events/${eventId}`);
    const byType = seller.getByTestId('sales-by-type');
    await byType.waitFor();
    const standing = byType.getByTestId('type-sales-row').filter({ hasText: 'Standing' });
    expect(await standing.getByTestId('type-sold').innerText()).to.equal('2 / 100');
    expect(await standing.getByTestId('type-gross').innerText()).to.equal('$48.00');
    expect(await byType.getByTestId('type-sales-row').filter({ hasText: 'VIP balcony' }).getByTestId('type-sold').innerText()).to.equal('1 / 10');
    const code = seller.getByTestId('sales-by-code').getByTestId('code-sales-row').filter({ hasText: 'SPRING20' });
    expect(await code.getByTestId('code-sold').innerText()).to.equal('2');
    expect(await code.getByTestId('code-discount').innerText()).to.equal('$12.00');
    // The chart loads on its own after the figures: let it draw before the page is measured.
    await seller.locator('[data-testid="sales-chart"][data-last-sold="3"]').waitFor();
    await shoot(seller, 'seller-sales-breakdown');

    const [download] = await Promise.all([seller.waitForEvent('download'), seller.getByTestId('orders-csv').click()]);
    expect(download.suggestedFilename()).to.match(/\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).to.contain('Camille Durand').and.to.contain('SPRING20').and.to.contain('VIP balcony');
  });

  it('tells a waiting buyer at once when their type sells out, and lets them change it keeping their place', async () => {
    const sellerApi = (await site.api.signIn('Late Session Promoter', 'seller')).api;
    await sellerApi.post('/api/seller/stripe/account');
    const small = (
      await sellerApi.post('/api/events', {
        name: 'Late Session',
        description: '',
        location: 'Riverside Hall, Lyon',
        eventDate: inDays(40),
        currency: 'usd',
        maxPerBuyer: 4,
        offerWindowSec: 600,
        ticketTypes: [
          { name: 'Front row', price: 5000, capacity: 1 },
          { name: 'Back row', price: 2000, capacity: 1 },
        ],
      })
    ).body;
    const [front, back] = small.ticketTypes;
    // Two buyers ahead hold the only ticket of each type.
    const frontFan = (await site.api.signIn('Front Row Fan', 'buyer')).api;
    const backFan = (await site.api.signIn('Back Row Fan', 'buyer')).api;
    expect((await frontFan.post(`/api/events/${small.id}/queue`, { items: [{ typeId: front.id, quantity: 1 }] })).body.status).to.equal('offered');
    expect((await backFan.post(`/api/events/${small.id}/queue`, { items: [{ typeId: back.id, quantity: 1 }] })).body.status).to.equal('offered');

    const waiter = await site.person();
    await signIn(waiter, 'Patient Pat', 'buyer', `/events/${small.id}`);
    await row(waiter, 'Front row').getByTestId('step-up').click();
    await row(waiter, 'Back row').getByTestId('step-up').click();
    await waiter.getByTestId('join').click();
    await waiter.getByTestId('asked-for').filter({ hasText: '1 × Front row, 1 × Back row' }).waitFor();

    // The front row is bought: it cannot come back, and the waiting buyer hears it at once.
    await payOffer(frontFan, small.id);
    const gone = waiter.getByTestId('type-sold-out');
    await gone.waitFor();
    expect(await gone.innerText()).to.contain('Front row sold out while you waited');
    await waiter.getByTestId('change-request').click();
    expect(await row(waiter, 'Back row').getByTestId('type-quantity').inputValue()).to.equal('1');
    await row(waiter, 'Front row').getByTestId('type-availability').filter({ hasText: 'Sold out' }).waitFor();
    await shoot(waiter, 'event-type-sold-out');
    await waiter.getByTestId('save-change').click();
    await waiter
      .getByTestId('asked-for')
      .filter({ hasText: /^You asked for 1 × Back row$/ })
      .waitFor();
    const waiterApi = await apiOf(site, waiter);
    const entry = (await waiterApi.get(`/api/events/${small.id}/queue/me`)).body;
    expect(entry).to.deep.include({ status: 'waiting', position: 1, items: [{ typeId: back.id, quantity: 1 }] });

    // Its place was kept: the back-row ticket given back goes to this buyer.
    expect((await backFan.delete(`/api/events/${small.id}/queue/me`)).status).to.equal(200);
    await waiter.getByTestId('offer').getByTestId('order-line').filter({ hasText: 'Back row' }).waitFor();
    await waiter.context().close();
  });

  function typeId(name: string): string {
    const found = types.find((t) => t.name === name);
    if (!found) throw new Error(`no type ${name}`);
    return found.id;
  }
});

function row(page: Page, name: string) {
  return page.getByTestId('type-row').filter({ has: page.getByTestId('type-name').getByText(name, { exact: true }) });
}

/** The API as the person signed in on `page` (their dev token, as the site keeps it). */
async function apiOf(site: Site, page: Page): Promise<Api> {
  const token = await page.evaluate(() => localStorage.getItem('queuetix.token'));
  return site.api.as(token ?? undefined);
}
