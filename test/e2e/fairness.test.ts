/**
 * Fairness in headless Chromium: "How this draw was made" recomputes a real draw with WebCrypto
 * from the published data, shows each step and "verified", and a buyer finds their own place;
 * joining an event with proof-of-work shows "Getting your place ready" with progress, then joins.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, eventually, signInBuyers } from '../support/fixtures.js';
import { ensureSiteBuilt, freePort, launchBrowser, newPerson, saveFailureScreens, signIn } from './site-browser.js';

/** Where the site keeps the dev sign-in token (frontend/src/stores/auth.ts). */
const TOKEN_KEY = 'queuetix.token';

describe('site: the verifiable draw and proof-of-work in a real browser', function () {
  this.timeout(120_000);
  let backend: Backend;
  let browser: Browser;
  let buyer: Page;
  let patient: Page;

  before(async () => {
    ensureSiteBuilt();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    // A harder proof-of-work than production's, so its progress is on screen long enough to watch.
    const env = { PORT: String(port), PUBLIC_URL: origin, JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0', POW_MAX_NUMBER: '400000' };
    backend = await startBackend({ label: 'fairness-e2e', env });
    browser = await launchBrowser();
    buyer = (await newPerson(browser, origin)).page;
    patient = (await newPerson(browser, origin)).page;
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ buyer, patient }, this.currentTest.title);
  });
  after(async () => {
    await browser?.close();
    await backend?.stop();
  });

  /** A seller signed in through the site, and the same seller's API client. */
  async function sellerInBrowser(name: string): Promise<{ page: Page; api: Api }> {
    const page = (await newPerson(browser, backend.url)).page;
    await signIn(page, name, 'seller', '/');
    const token = await page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
    return { page, api: new Api(backend.url, token!) };
  }

  it('shows the commitment before the on-sale, then recomputes the draw, says "verified" and finds the buyer', async () => {
    const api = new Api(backend.url);
    const seller = await sellerInBrowser('Fair Seller');
    const event = await createEvent(seller.api, { price: 0, totalTickets: 1, maxPerBuyer: 1, salesStartAt: new Date(Date.now() + 15_000).toISOString() });

    await signIn(buyer, 'Early Bird', 'buyer', `/events/${event.id}`);
    await buyer.getByTestId('join').click();
    expect(await buyer.getByTestId('draw-commitment-note').innerText()).to.contain(event.drawCommitment.slice(0, 16));
    for (const other of await signInBuyers(api, 5, 'crowd')) await other.post(`/api/events/${event.id}/queue`, { quantity: 1 });

    await buyer.goto(`/events/${event.id}/draw`);
    expect(await buyer.getByTestId('draw-commitment').innerText()).to.equal(event.drawCommitment);
    expect(await buyer.getByTestId('draw-seed').count(), 'no seed before the draw').to.equal(0);

    await eventually(async () => ((await api.get(`/api/events/${event.id}/draw`)).body.status === 'drawn' ? true : undefined), 30_000, 'the draw');
    await buyer.reload();
    const verdict = buyer.getByTestId('draw-verdict');
    await verdict.waitFor();
    expect(await verdict.innerText()).to.match(/verified: this is the draw that was committed to/);
    expect(await buyer.locator('li[data-ok="true"]').count()).to.equal(4);
    expect(await buyer.locator('li[data-ok="false"]').count()).to.equal(0);
    expect(await buyer.getByTestId('my-place').innerText()).to.match(/^Drawn #[1-6] of 6$/);
    const mine = await buyer.getByTestId('my-pseudonym').innerText();
    const record = (await api.get(`/api/events/${event.id}/draw`)).body;
    const place = record.order.indexOf(mine) + 1;
    expect(await buyer.getByTestId('my-place').innerText()).to.equal(`Drawn #${place} of 6`);

    // The seller's editor shows the record of the draw.
    await seller.page.goto(`/seller/events/${event.id}/edit`);
    expect(await seller.page.getByTestId('draw-record-drawn').innerText()).to.match(/among 6 early arrivals · committed seed, revealed at the draw/);
    await seller.page.context().close();
  });

  it("lets the seller turn proof-of-work on in the event editor and shows them the draw's commitment", async () => {
    const { page: seller, api: sellerApi } = await sellerInBrowser('Editor Seller');
    const event = await createEvent(sellerApi, { price: 0, salesStartAt: new Date(Date.now() + 3_600_000).toISOString() });

    await seller.goto(`/seller/events/${event.id}/edit`);
    expect(await seller.getByTestId('draw-record-commitment').innerText()).to.equal(event.drawCommitment);
    await seller.getByTestId('f-pow').selectOption('on');
    await seller.getByTestId('save-event').click();
    await seller.waitForURL((url) => url.pathname === `/seller/events/${event.id}`);
    const saved = (await new Api(backend.url).get(`/api/events/${event.id}`)).body;
    expect(saved).to.include({ powMode: 'on', drawCommitment: event.drawCommitment });
    await seller.context().close();
  });

  it('shows progress while getting the place ready, then joins', async () => {
    const api = new Api(backend.url);
    const seller = (await api.signIn('PoW Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 5, powMode: 'on' });

    await signIn(patient, 'Patient Person', 'buyer', `/events/${event.id}`);
    await patient.getByTestId('join').click();
    const progress = patient.getByTestId('pow-progress');
    await progress.waitFor();
    expect(await progress.innerText()).to.contain('Getting your place ready');
    await eventually(
      async () => {
        const now = await patient
          .getByRole('progressbar')
          .getAttribute('aria-valuenow')
          .catch(() => null);
        return now !== null && Number(now) > 0 ? true : undefined;
      },
      20_000,
      'progress to move',
    );

    await patient.getByTestId('offer').waitFor({ timeout: 60_000 });
    expect(await progress.count(), 'the progress goes once joined').to.equal(0);
    expect((await api.get(`/api/events/${event.id}/availability`)).body.held).to.equal(1);
  });
});
