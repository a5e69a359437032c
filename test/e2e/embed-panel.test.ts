/**
 * Issue 13, point 16 (the panel): "Embed on your site" on an event's seller page — the snippet to
 * copy, the allowed-origins editor beside it, and a live preview of the real widget.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createEvent } from '../support/fixtures.js';
import { saveFailureScreens, signIn } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

describe('site: the embed panel', function () {
  this.timeout(90_000);
  let site: Site;
  let seller: Page;
  let eventId = '';

  before(async () => {
    site = await startSite('embed-panel-e2e');
    seller = await site.person();
    await seller.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    await signIn(seller, 'Embed Seller', 'seller', '/seller');
    const token = await seller.evaluate(() => localStorage.getItem('queuetix.token'));
    eventId = (await createEvent(site.api.as(token!), { name: 'Embeddable Evening' })).id;
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await saveFailureScreens({ seller }, this.currentTest.title);
  });
  after(async () => site?.stop());

  it('gives the snippet to paste and copies it', async () => {
    await seller.goto(`/seller/events/${eventId}`);
    const snippet = await seller.getByTestId('embed-snippet').innerText();
    expect(snippet).to.equal(
      `<script type="module" src="${site.origin}/widget.js"></script>\n<queuetix-ticket-widget event="${eventId}"></queuetix-ticket-widget>`,
    );
    await seller.getByTestId('embed-copy').click();
    await seller.getByTestId('embed-copy').filter({ hasText: 'Copied' }).waitFor();
    expect(await seller.evaluate(() => navigator.clipboard.readText())).to.equal(snippet);
  });

  it('shows the real widget live, for this event', async () => {
    await seller.getByTestId('embed-preview').locator('queuetix-ticket-widget').waitFor();
    // Playwright's locators pierce the widget's open shadow root.
    await seller.getByTestId('embed-preview').getByText('Embeddable Evening').waitFor();
  });

  it('edits the sites allowed to embed it beside the snippet, in plain words when one is wrong', async () => {
    await seller.getByTestId('embed-origins').fill('https://myband.example/tickets');
    await seller.getByTestId('embed-save').click();
    await seller.getByRole('alert').filter({ hasText: 'https://example.com' }).waitFor();
    await seller.getByTestId('embed-origins').fill('https://myband.example\nhttps://venue.example/');
    await seller.getByTestId('embed-save').click();
    await seller.getByText('Saved.').waitFor();
    expect((await site.api.get(`/api/events/${eventId}`)).body.allowedOrigins).to.deep.equal(['https://myband.example', 'https://venue.example']);
  });
});
