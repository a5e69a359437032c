import { mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { testMailServer } from '../support/hooks.js';
import { expectMessages } from '../mail/helpers.js';
import { message, qrCodesOfPdf, uniqueAddress } from '../mail/mailpit-client.js';
import { ensureSiteBuilt, freePort, launchBrowser, newPerson, screenshotDir } from './site-browser.js';

describe('site: tickets by email and as PDF, in a real browser', function () {
  this.timeout(120_000);
  let backend: Backend;
  let browser: Browser;
  let buyer: Page;
  let eventId = '';
  const address = uniqueAddress('browser-buyer');

  before(async () => {
    ensureSiteBuilt();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    backend = await startBackend({ label: 'mail-e2e', env: { PORT: String(port), PUBLIC_URL: origin, JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' } });
    const { api: seller } = await new Api(origin).signIn('Mail Browser Seller', 'seller');
    eventId = (await createEvent(seller, { name: 'Printed Night', location: 'Paper Hall', price: 1200, totalTickets: 5 })).id;
    browser = await launchBrowser();
    buyer = (await newPerson(browser, origin)).page;
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('signs in with an email, asks to be emailed, buys, and gets the confirmation in the inbox', async () => {
    await buyer.goto(`/sign-in?redirect=${encodeURIComponent(`/events/${eventId}`)}`);
    await buyer.getByTestId('name').fill('Paula Printer');
    await buyer.getByTestId('email').fill(address);
    await buyer.locator('label', { has: buyer.getByTestId('role-buyer') }).click();
    await buyer.getByTestId('sign-in').click();
    await buyer.waitForURL((url) => url.pathname === `/events/${eventId}`);
    await buyer.getByTestId('notify-by-email').check();
    await buyer.getByTestId('quantity').selectOption('2');
    await buyer.getByTestId('join').click();
    await buyer.getByTestId('offer').waitFor();
    await buyer.getByTestId('buy').click();
    await buyer.waitForURL(/\/demo-checkout\//);
    await buyer.getByTestId('demo-pay').click();
    await buyer.getByTestId('success-title').waitFor({ timeout: 20_000 });

    const [summary] = await expectMessages(address, 1);
    const mail = await message(summary!.ID);
    expect(mail.Subject).to.equal('Your 2 tickets for Printed Night');
    // The email as a person sees it: Mailpit renders it, Chromium takes the picture.
    const { page } = await newPerson(browser, testMailServer().httpUrl);
    await page.setContent(
      mail.HTML.replace(
        /cid:qr-(\d)@queuetix/g,
        (_m, i) => `${testMailServer().httpUrl}/api/v1/message/${mail.ID}/part/${mail.Inline.find((p) => p.ContentID === `qr-${i}@queuetix`)?.PartID ?? ''}`,
      ),
    );
    await page.waitForLoadState('networkidle');
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'email-order-confirmation.png'), fullPage: true });
    await page.close();
  });

  it('shows where tickets go on My tickets and downloads each ticket as a PDF with its QR code', async () => {
    await buyer.goto('/tickets');
    expect(await buyer.getByTestId('ticket-email-address').innerText()).to.equal(address);
    await buyer.getByTestId('ticket-card').first().waitFor();
    const codes = (await buyer.evaluate(async () => {
      const res = await fetch('/api/tickets', { headers: { Authorization: `Bearer ${localStorage.getItem('queuetix.token')}` } });
      const body = await res.json();
      return (Array.isArray(body) ? body : body.items).map((t: { code: string }) => t.code);
    })) as string[];

    const [download] = await Promise.all([buyer.waitForEvent('download'), buyer.getByTestId('ticket-pdf').first().click()]);
    expect(download.suggestedFilename()).to.match(/^ticket-\d-.+\.pdf$/);
    const file = await download.path();
    const pdf = readFileSync(file);
    const [code] = qrCodesOfPdf(pdf);
    expect(codes).to.include(code);
    // The PDF as it prints: its first page rendered to PNG.
    mkdirSync(screenshotDir, { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', file, path.join(screenshotDir, 'ticket-pdf')]);
  });

  it('lets the buyer change where their tickets go', async () => {
    const next = uniqueAddress('browser-buyer-new');
    await buyer.getByTestId('ticket-email-change').click();
    await buyer.getByTestId('ticket-email-input').fill(next);
    await buyer.getByTestId('ticket-email-save').click();
    await buyer.getByTestId('ticket-email-address').waitFor();
    expect(await buyer.getByTestId('ticket-email-address').innerText()).to.equal(next);
    await buyer.reload();
    await buyer.getByTestId('ticket-email-address').filter({ hasText: next }).waitFor();
    // And the server agrees: it is where the tickets go now.
    const me = (await buyer.evaluate(async () => {
      const res = await fetch('/api/me', { headers: { Authorization: `Bearer ${localStorage.getItem('queuetix.token')}` } });
      return res.json();
    })) as { user: { email?: string } };
    expect(me.user.email).to.equal(next);
  });
});
