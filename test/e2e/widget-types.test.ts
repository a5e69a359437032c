/**
 * Issue 15 in the widget: on an organiser's page (another origin), a buyer picks two ticket types
 * in the shadow DOM, applies a discount code, sees the offer priced per type with the discount and
 * pays that total; the picker is a part widget.js loads on demand from the Queuetix host.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { heard, signInThroughPopup } from './widget-buyer.js';
import { ensureBuilt, freePort, launchChromium, startHostSite, type HostSite } from './widget-host.js';

describe('widget: ticket types and a discount code', function () {
  this.timeout(120_000);
  let backend: Backend;
  let api: Api;
  let apiOrigin: string;
  let host: HostSite;
  let browser: Browser;

  before(async () => {
    ensureBuilt();
    const port = await freePort();
    apiOrigin = `http://127.0.0.1:${port}`;
    backend = await startBackend({
      label: 'widget-types-e2e',
      env: { PORT: String(port), PUBLIC_URL: apiOrigin, JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' },
    });
    api = new Api(apiOrigin);
    host = await startHostSite();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.close();
    await backend?.stop();
  });

  it('buys two types with a discount code inside the widget', async () => {
    const seller = (await api.signIn('Widget Types Seller', 'seller')).api;
    await seller.post('/api/seller/stripe/account');
    const created = await seller.post('/api/events', {
      name: 'Harbour Festival',
      description: '',
      location: 'Old Port',
      eventDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      currency: 'usd',
      maxPerBuyer: 4,
      offerWindowSec: 600,
      allowedOrigins: [host.origin],
      ticketTypes: [
        { name: 'Day pass', price: 4000, capacity: 50 },
        { name: 'Weekend pass', price: 7000, capacity: 20 },
      ],
    });
    expect(created.status).to.equal(201);
    const event = created.body;
    const weekend = event.ticketTypes[1];
    expect(
      (await seller.post(`/api/events/${event.id}/codes`, { code: 'HARBOUR10', kind: 'discount', amountOff: 1000, typeIds: [weekend.id] })).status,
    ).to.equal(201);

    const context = await browser.newContext({ viewport: { width: 400, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    const chunks: string[] = [];
    page.on('request', (req) => /\/widget-types-ui-[\w-]+\.js$/.test(req.url()) && chunks.push(req.url()));
    await page.goto(host.page({ api: apiOrigin, events: [event.id] }));
    const widget = page.locator('#w0');
    await widget.getByRole('heading', { name: 'Harbour Festival' }).waitFor();
    await signInThroughPopup(page, widget, 'Widget Types Buyer', apiOrigin);

    // The picker came from the Queuetix host, not with widget.js.
    const types = widget.locator('[part~="types"]');
    await types.waitFor();
    expect(chunks).to.have.length(1);
    expect(new URL(chunks[0]!).origin).to.equal(apiOrigin);
    await widget.getByRole('button', { name: 'One more Day pass' }).click();
    await widget.getByRole('button', { name: 'One more Weekend pass' }).click();
    await widget.getByRole('button', { name: 'One more Weekend pass' }).click();
    expect(await types.innerText()).to.contain('3 chosen, up to 4');

    await widget.getByRole('button', { name: 'Have a code?' }).click();
    await widget.getByLabel('Access or discount code').fill('harbour10');
    await widget.getByRole('button', { name: 'Apply' }).click();
    await widget.locator('[part~="code-applied"]').filter({ hasText: '$10.00 off Weekend pass' }).waitFor();

    await widget.getByRole('button', { name: 'Join the line' }).click();
    const offer = await heard(page, 'queuetix-offer');
    expect(offer.entry.offeredItems).to.deep.equal([
      { typeId: event.ticketTypes[0].id, quantity: 1, unitPrice: 4000, discountPerTicket: 0 },
      { typeId: weekend.id, quantity: 2, unitPrice: 7000, discountPerTicket: 1000 },
    ]);
    expect(offer.entry.amount).to.equal(16000);
    const lines = widget.locator('[part~="lines"]');
    await lines.waitFor();
    expect((await lines.innerText()).replace(/\s+/g, ' '))
      .to.contain('Day pass × 1 $40.00')
      .and.to.contain('Weekend pass × 2 $140.00')
      .and.to.contain('−$20.00');

    const [checkout] = await Promise.all([page.waitForEvent('popup'), widget.getByRole('button', { name: /buy for \$160\.00/i }).click()]);
    await checkout.getByTestId('demo-pay').click();
    const purchased = await heard(page, 'queuetix-purchased');
    expect(purchased.tickets.map((t: any) => [t.typeName, t.amount]).sort()).to.deep.equal([
      ['Day pass', 4000],
      ['Weekend pass', 6000],
      ['Weekend pass', 6000],
    ]);
    await context.close();
  });
});
