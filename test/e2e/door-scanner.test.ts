/**
 * The door in a real browser: Chromium's fake camera shows a ticket's QR code the whole time, as a
 * guest holding their phone up would, and the scanner must admit them once and not re-submit it.
 */
import path from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { runDir } from '../support/paths.js';
import { buy } from '../tickets/support/buy.js';
import { writeQrVideo } from './qr-video.js';
import { DESKTOP, ensureSiteBuilt, freePort, saveFailureScreens } from './site-browser.js';

describe('site: the door scanner admits a guest once while the QR stays in view', function () {
  this.timeout(90_000);

  let backend: Backend;
  let browser: Browser;
  let page: Page;
  let eventId = '';
  let code = '';
  const checkIns: string[] = [];

  before(async () => {
    ensureSiteBuilt();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    backend = await startBackend({ label: 'door-e2e', env: { PORT: String(port), PUBLIC_URL: origin, JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' } });
    const api = new Api(origin);
    const seller = await api.signIn('Door Staff Promotions', 'seller');
    const event = await createEvent(seller.api, { name: 'Scanner Night', totalTickets: 5 });
    eventId = event.id;
    [{ code }] = await buy((await api.signIn('Guest With Phone')).api, eventId, 1);

    const video = path.join(runDir, `qr-${code}.y4m`);
    writeQrVideo(video, code);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    const context = await browser.newContext({ baseURL: origin, viewport: DESKTOP, locale: 'en-GB', timezoneId: 'Europe/Paris', permissions: ['camera'] });
    await context.addInitScript(
      ([token, user]) => {
        localStorage.setItem('queuetix.token', token);
        localStorage.setItem('queuetix.user', user);
      },
      [seller.token, JSON.stringify(seller.user)] as const,
    );
    page = await context.newPage();
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith(`/api/events/${eventId}/check-in`)) checkIns.push(req.postData() ?? '');
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ door: page }, this.currentTest.title);
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('submits the code once, and still says ADMITTED seconds later with the QR in view', async () => {
    await page.goto(`/seller/events/${eventId}/check-in`);
    await page.getByTestId('door-name').fill('North gate');
    await page.getByTestId('start-camera').click();
    await page.locator('[data-testid="check-in-result"][data-result="admitted"]').waitFor({ timeout: 30_000 });
    // The old scanner re-submitted a code in view every 3 s; watch for well over that.
    await page.waitForTimeout(4_500);
    expect(await page.getByTestId('check-in-result').getAttribute('data-result')).to.equal('admitted');
    expect(checkIns).to.have.length(1);
    expect(JSON.parse(checkIns[0]!)).to.deep.equal({ code, door: 'North gate' });
  });

  it('says when and by which door when the same ticket is presented again by hand', async () => {
    await page.getByTestId('typed-code').fill(code.toLowerCase().match(/.{4}/g)!.join('-'));
    await page.getByTestId('check-code').click();
    await page.locator('[data-testid="check-in-result"][data-result="already_used"]').waitFor();
    expect(await page.getByTestId('checked-in-when').innerText()).to.match(/^Checked in at \d{1,2}:\d{2}:\d{2} by North gate\.$/);
  });
});
