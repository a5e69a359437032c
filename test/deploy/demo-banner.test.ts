/**
 * A deployment that is a demo says so everywhere: with dev sign-in on (here: production with
 * QUEUETIX_DEMO=1 and real Stripe keys, so payments are not the demo's), every page of the site shows
 * the demo banner and the widget on an organiser's page shows its demo notice.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { startStripeMock, type StripeMock } from '../support/stripe-mock.js';
import { ensureBuilt, freePort, launchChromium, startHostSite, type HostSite } from '../e2e/widget-host.js';

describe('deploy: the demo banner whenever dev sign-in or demo payments are on', function () {
  this.timeout(180_000);
  let stripe: StripeMock;
  let backend: Backend;
  let host: HostSite;
  let browser: Browser;

  before(async () => {
    ensureBuilt();
    stripe = await startStripeMock();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    backend = await startBackend({
      label: 'demo-banner',
      env: { NODE_ENV: 'production', QUEUETIX_DEMO: '1', PORT: String(port), PUBLIC_URL: origin, ...stripe.env },
    });
    host = await startHostSite();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.close();
    await backend?.stop();
    await stripe?.stop();
  });

  it('shows the banner on every page of the site and the notice in the widget, though payments are Stripe', async () => {
    const api = new Api(backend.url);
    expect((await api.get('/api/config')).body).to.include({ authMode: 'dev', paymentMode: 'stripe', demo: true });
    const seller = (await api.signIn('Banner Seller', 'seller')).api;
    const event = await createEvent(seller, { price: 0, allowedOrigins: [host.origin] });

    const page = await browser.newPage();
    for (const path of ['/', '/search', `/events/${event.id}`, '/sign-in', '/embed/auth']) {
      await page.goto(backend.url + path);
      const banner = page.getByTestId('demo-banner');
      await banner.waitFor();
      expect(await banner.innerText(), path).to.match(/anyone can sign in without a password/i);
    }

    await page.goto(host.page({ api: backend.url, events: [event.id] }));
    const footer = page.locator('#w0').locator('[part="footer"]');
    await footer.getByText(/demo site/i).waitFor();
  });
});
