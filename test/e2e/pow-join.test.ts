/**
 * Joining an event with proof-of-work on, in headless Chromium: the site solves the challenge in a
 * Web Worker while showing "Getting your place ready" with progress, then the buyer is in line.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, eventually } from '../support/fixtures.js';
import { ensureSiteBuilt, freePort, launchBrowser, newPerson, saveFailureScreens, signIn } from './site-browser.js';

describe('site: joining with proof-of-work in a real browser', function () {
  this.timeout(120_000);
  let backend: Backend;
  let browser: Browser;
  let buyer: Page;

  before(async () => {
    ensureSiteBuilt();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    // A harder challenge than production's, so the progress is on screen long enough to watch.
    backend = await startBackend({ label: 'pow-e2e', env: { PORT: String(port), PUBLIC_URL: origin, POW_MAX_NUMBER: '400000' } });
    browser = await launchBrowser();
    buyer = (await newPerson(browser, origin)).page;
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ buyer }, this.currentTest.title);
  });
  after(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('shows progress while getting the place ready, then joins', async () => {
    const api = new Api(backend.url);
    const seller = (await api.signIn('PoW Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 5, powMode: 'on' });

    await signIn(buyer, 'Patient Person', 'buyer', `/events/${event.id}`);
    await buyer.getByTestId('join').click();
    const progress = buyer.getByTestId('pow-progress');
    await progress.waitFor();
    expect(await progress.innerText()).to.contain('Getting your place ready');
    await eventually(async () => {
      const now = await buyer.getByRole('progressbar').getAttribute('aria-valuenow').catch(() => null);
      return now !== null && Number(now) > 0 ? true : undefined;
    }, 20_000, 'progress to move');

    await buyer.getByTestId('offer').waitFor({ timeout: 60_000 });
    expect(await progress.count(), 'the progress goes once joined').to.equal(0);
    expect((await api.get(`/api/events/${event.id}/availability`)).body.held).to.equal(1);
  });
});
