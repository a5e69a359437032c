/**
 * The embeddable widget (issue 6) in headless Chromium: a page on another loopback origin embeds
 * <queuetix-ticket-widget> from the real backend, and a buyer goes through the whole purchase in
 * the widget and its popups. Everything is real: backend, FerretDB, Socket.IO, the Vue popups.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { heard, recorded, signInThroughPopup } from './widget-buyer.js';
import { ensureBuilt, freePort, launchChromium, startHostSite, type HostSite } from './widget-host.js';

const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('widget: <queuetix-ticket-widget> on another origin', function () {
  this.timeout(120_000);
  let backend: Backend;
  let backendEnv: Record<string, string>;
  let api: Api;
  let apiOrigin: string;
  let seller: Api;
  let host: HostSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    ensureBuilt();
    // Checkout return URLs are built from PUBLIC_URL, so the server must know its own address.
    const port = await freePort();
    apiOrigin = `http://127.0.0.1:${port}`;
    // POW_MAX_NUMBER: a harder proof-of-work than production's, so its progress stays on screen long enough to watch.
    backendEnv = { PORT: String(port), PUBLIC_URL: apiOrigin, JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0', POW_MAX_NUMBER: '400000' };
    backend = await startBackend({ label: 'widget-e2e', env: backendEnv });
    api = new Api(apiOrigin);
    seller = (await api.signIn('Widget Seller', 'seller')).api;
    host = await startHostSite();
    browser = await launchChromium();
    expect(new URL(host.origin).port).to.not.equal(new URL(apiOrigin).port);
  });

  after(async () => {
    await browser?.close();
    await host?.close();
    await backend?.stop();
  });

  async function openHostPage(options: Parameters<HostSite['page']>[0], viewport = { width: 360, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(host.page(options));
    return page;
  }

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  it('lets a buyer sign in through the popup, join, move up, take the offer, pay in the popup and see the ticket', async () => {
    const event = await createEvent(seller, { name: 'Widget Night', totalTickets: 1, price: 1500, maxPerBuyer: 2, allowedOrigins: [host.origin] });
    // Two buyers ahead: the first holds the only ticket, the second waits first in line.
    const first = (await api.signIn('First Buyer')).api;
    const second = (await api.signIn('Second Buyer')).api;
    expect((await first.post(`/api/events/${event.id}/queue`, { quantity: 1 })).status).to.equal(201);
    expect((await second.post(`/api/events/${event.id}/queue`, { quantity: 1 })).status).to.equal(201);

    const page = await openHostPage({ api: apiOrigin, events: [event.id] });
    const widget = page.locator('#w0');
    await widget.getByRole('heading', { name: 'Widget Night' }).waitFor();

    // Sign-in runs in a popup on the Queuetix origin; the host page never navigates.
    const buyer = await signInThroughPopup(page, widget, 'Widget Buyer', apiOrigin);

    await widget.getByRole('button', { name: 'Join the line' }).click();
    const joined = await heard(page, 'queuetix-joined');
    expect(joined).to.deep.include({ eventId: event.id, existing: false });
    expect(joined.entry).to.include({ status: 'waiting', position: 2 });
    await widget.locator('[part="position"]').filter({ hasText: '#2' }).waitFor();

    // The buyer ahead gives up their offer: the second buyer is offered, ours moves to first in line.
    expect((await first.delete(`/api/events/${event.id}/queue/me`)).status).to.equal(200);
    await widget.locator('[part="position"]').filter({ hasText: '#1' }).waitFor();
    await widget.getByText("You're next").waitFor();

    // The second buyer leaves too: it is our buyer's turn.
    expect((await second.delete(`/api/events/${event.id}/queue/me`)).status).to.equal(200);
    const offer = await heard(page, 'queuetix-offer');
    expect(offer).to.include({ eventId: event.id, quantity: 1 });
    expect(Date.parse(offer.expiresAt)).to.be.greaterThan(Date.now());
    await widget.getByRole('heading', { name: "It's your turn!" }).waitFor();
    expect(await widget.getByRole('timer').textContent()).to.match(/^\d+:\d\d$/);

    // Checkout opens in a popup (the demo checkout page), and the widget learns the outcome by push.
    const [checkout] = await Promise.all([page.waitForEvent('popup'), widget.getByRole('button', { name: /buy for \$15\.00/i }).click()]);
    await checkout.getByTestId('demo-pay').click();
    const purchased = await heard(page, 'queuetix-purchased');
    expect(purchased.entry).to.include({ status: 'purchased' });
    await widget.getByRole('heading', { name: "You're going!" }).waitFor();

    // The host page's token lists this event's tickets only, and nothing beyond its event.
    expect((await buyer.get('/api/tickets')).status).to.equal(403);
    const mine = await buyer.get(`/api/tickets?eventId=${event.id}`);
    expect(mine.status).to.equal(200);
    const tickets = (Array.isArray(mine.body) ? mine.body : mine.body.items).filter((t: any) => t.eventId === event.id);
    expect(tickets).to.have.length(1);
    await widget.locator('[part="ticket"]').filter({ hasText: tickets[0].code }).waitFor();
    expect(purchased.tickets.map((t: any) => t.code)).to.deep.equal([tickets[0].code]);
    // The checkout popup also reported back, from the Queuetix origin (a courtesy: the push is the authority).
    await page.waitForFunction(() => (globalThis as any).__messages.some((m: any) => m.data?.type === 'queuetix:checkout'));
    if (!checkout.isClosed()) await checkout.waitForEvent('close'); // it closes itself once it has told the widget
    const reports = (await recorded(page)).messages.filter((m) => m.data?.type === 'queuetix:checkout');
    expect(reports.map((m) => [m.origin, m.data.status])).to.deep.equal([[apiOrigin, 'success']]);
    expect(page.url()).to.match(/\/host\?/); // never navigated away
    expect((await recorded(page)).events.filter((e) => e.name === 'queuetix-error')).to.deep.equal([]);
  });

  it('gets the place ready with proof-of-work, showing progress, then joins; shows the committed draw', async () => {
    const salesStartAt = new Date(Date.now() + 3_600_000).toISOString();
    const event = await createEvent(seller, { name: 'Proof Night', totalTickets: 3, powMode: 'on', salesStartAt, allowedOrigins: [host.origin] });
    const page = await openHostPage({ api: apiOrigin, events: [event.id] });
    const widget = page.locator('#w0');
    await widget.getByRole('heading', { name: 'Proof Night' }).waitFor();
    const draw = widget.locator('[part="draw"]');
    expect(await draw.innerText()).to.contain(event.drawCommitment.slice(0, 12));
    expect(await draw.getByRole('link').getAttribute('href')).to.equal(`${apiOrigin}/events/${event.id}/draw`);

    await signInThroughPopup(page, widget, 'Proof Buyer', apiOrigin);
    await widget.getByRole('button', { name: 'Join the line' }).click();
    const progress = widget.locator('[part="pow"]');
    await progress.waitFor();
    expect(await progress.innerText()).to.contain('Getting your place ready');
    const joined = await heard(page, 'queuetix-joined');
    expect(joined.entry).to.include({ status: 'waiting', inLottery: true });
    expect(await progress.count(), 'the progress goes once joined').to.equal(0);
    expect((await recorded(page)).events.filter((e) => e.name === 'queuetix-error')).to.deep.equal([]);
  });

  it('works from the keyboard at 320 px and announces the place in line and the offer in live regions', async () => {
    const event = await createEvent(seller, { name: 'Keyboard Gig', totalTickets: 3, allowedOrigins: [host.origin] });
    const holder = (await api.signIn('Early Bird')).api;
    expect((await holder.post(`/api/events/${event.id}/queue`, { quantity: 2 })).status).to.equal(201);
    const page = await openHostPage({ api: apiOrigin, events: [event.id] }, { width: 320, height: 800 });
    const widget = page.locator('#w0');
    await widget.getByRole('heading', { name: 'Keyboard Gig' }).waitFor();
    const isFocused = (locator: Locator) => locator.evaluate((el) => el === (el.getRootNode() as any).activeElement);

    // Tab from the host page's own button into the widget: the sign-in button, then Enter.
    await page.locator('#page-button').focus();
    await page.keyboard.press('Tab');
    const signIn = widget.getByRole('button', { name: /sign in/i });
    expect(await isFocused(signIn)).to.equal(true);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Enter')]);
    await popup.getByTestId('name').fill('Keyboard Buyer');
    await popup.getByTestId('name').press('Enter');
    await popup.waitForEvent('close');

    // Focus moves on to the step that replaced the sign-in button: the quantity.
    const quantity = widget.getByLabel('Tickets');
    await quantity.waitFor();
    expect(await isFocused(quantity)).to.equal(true);
    await page.keyboard.press('ArrowDown');
    expect(await quantity.inputValue()).to.equal('2');
    // Then the "email me when it's my turn" choice, then the join button.
    await page.keyboard.press('Tab');
    expect(await isFocused(widget.getByRole('checkbox', { name: "Email me when it's my turn" }))).to.equal(true);
    await page.keyboard.press('Tab');
    expect(await isFocused(widget.getByRole('button', { name: 'Join the line' }))).to.equal(true);
    await page.keyboard.press('Enter');

    // Only one ticket is free and ours wants two: we wait first in line (no line skipping), and hear it.
    const polite = widget.locator('[role="status"][aria-live="polite"]');
    await polite.filter({ hasText: 'You are number 1 in line' }).waitFor({ state: 'attached' });
    expect(await isFocused(widget.getByRole('heading', { name: "You're in line" }))).to.equal(true);

    expect((await holder.delete(`/api/events/${event.id}/queue/me`)).status).to.equal(200);
    const assertive = widget.locator('[aria-live="assertive"]');
    await assertive.filter({ hasText: /It's your turn! 2 tickets are held for you until \d/ }).waitFor({ state: 'attached' });
    // The countdown is a timer (not read out every second), and nothing in the widget is wider than 320 px.
    expect(await widget.getByRole('timer').count()).to.equal(1);
    const overflow = await widget.evaluate((el) => {
      const base = (el as any).shadowRoot.querySelector('[part="base"]');
      return base.scrollWidth - base.clientWidth;
    });
    expect(overflow).to.equal(0);
  });

  it('accepts a sign-in token only from the Queuetix origin', async () => {
    const event = await createEvent(seller, { name: 'Token Origin Show', allowedOrigins: [host.origin] });
    const page = await openHostPage({ api: apiOrigin, events: [event.id] });
    const widget = page.locator('#w0');
    const [popup] = await Promise.all([page.waitForEvent('popup'), widget.getByRole('button', { name: /sign in/i }).click()]);
    // While the widget waits for its popup, the host page (another origin) forges the token message.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const w = globalThis as any;
          // Listeners run in the order they were added: when ours runs, the widget has seen the message.
          w.addEventListener('message', () => resolve(), { once: true });
          w.postMessage({ type: 'queuetix:token', token: 'forged', user: { id: 'mallory', name: 'Mallory' } }, '*');
        }),
    );
    await page.evaluate(() => new Promise((r) => (globalThis as any).requestAnimationFrame(r)));
    expect(await widget.getByText('Signed in as Mallory').count()).to.equal(0);
    expect(await widget.getByRole('button', { name: /sign in/i }).isVisible()).to.equal(true);
    await popup.close();
  });

  it('keeps host-page CSS out of the widget and its own CSS out of the page', async () => {
    const event = await createEvent(seller, { name: 'Style Show', allowedOrigins: [host.origin] });
    const probes = ['[part="base"]', '[part="title"]', '[part="price"]', '[part~="sign-in"]', '[part="footer"] a'];
    const properties = [
      'font-family',
      'font-size',
      'font-weight',
      'color',
      'letter-spacing',
      'line-height',
      'text-transform',
      'background-color',
      'border-top-width',
      'border-radius',
      'padding-top',
      'margin-top',
    ];
    const widgetStyles = async (page: Page) => {
      const widget = page.locator('#w0');
      await widget.getByRole('heading', { name: 'Style Show' }).waitFor();
      return Promise.all(probes.map((selector) => computed(widget.locator(selector).first(), properties)));
    };
    const pageStyles = async (page: Page) => ({
      elements: await Promise.all(['#page-heading', '#page-text', '#page-button', 'body'].map((s) => computed(page.locator(s), properties))),
      sheets: await page.evaluate(() => {
        const d = (globalThis as any).document;
        return { styleSheets: d.styleSheets.length, adopted: d.adoptedStyleSheets.length, styleTags: d.querySelectorAll('style, link[rel=stylesheet]').length };
      }),
    });

    const plain = await openHostPage({ api: apiOrigin, events: [event.id] });
    const hostile = await openHostPage({ api: apiOrigin, events: [event.id], hostileCss: true });
    const without = await openHostPage({ api: apiOrigin, events: [event.id], withoutWidget: true });

    // In: the hostile page changes nothing inside the widget.
    const inPlain = await widgetStyles(plain);
    expect(await widgetStyles(hostile)).to.deep.equal(inPlain);
    expect(inPlain[1]!['font-family']).to.not.match(/Courier/);
    // Out: the page with the widget looks exactly like the page without it.
    expect(await pageStyles(plain)).to.deep.equal(await pageStyles(without));
  });

  it('refuses an origin the event does not allow, with a clear message, and serves an allowed one', async () => {
    const refused = await createEvent(seller, { name: 'Members Only', allowedOrigins: ['https://members.example.com'] });
    const allowed = await createEvent(seller, { name: 'Partners Welcome', allowedOrigins: ['https://partner.example.com', host.origin] });
    const page = await openHostPage({ api: apiOrigin, events: [refused.id, allowed.id] });

    const error = await heard(page, 'queuetix-error', 'w0');
    expect(error).to.include({ eventId: refused.id, code: 'origin_refused' });
    const message = page.locator('#w0 [part="error"]');
    expect(await message.getAttribute('data-code')).to.equal('origin_refused');
    expect(await message.textContent()).to.contain(`can't be sold on ${new URL(host.origin).host}`);
    expect(await page.locator('#w0').getByRole('heading', { name: 'Members Only' }).count()).to.equal(0);

    await page.locator('#w1').getByRole('heading', { name: 'Partners Welcome' }).waitFor();
    expect((await recorded(page)).events.filter((e) => e.target === 'w1' && e.name === 'queuetix-error')).to.deep.equal([]);
  });

  it('keeps an event with no allowed sites off other origins altogether', async () => {
    const closed = await createEvent(seller, { name: 'Queuetix Only' });
    const page = await openHostPage({ api: apiOrigin, events: [closed.id] });
    const error = await heard(page, 'queuetix-error', 'w0');
    expect(error).to.include({ eventId: closed.id, code: 'origin_refused' });
    const refused = await api.signIn('Curious Buyer');
    const res = await refused.api.post('/api/embed/token', { eventId: closed.id, origin: host.origin });
    expect(res.status).to.equal(403);
  });

  it('asks a buyer already signed in on Queuetix, naming the site, the event and what it may do; after 15 minutes renews without asking again', async () => {
    const event = await createEvent(seller, { name: 'Consent Concert', allowedOrigins: [host.origin] });
    const context = await browser.newContext({ viewport: { width: 360, height: 900 }, locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.clock.install(); // the host page's clock, to let the token's 15 minutes pass
    await page.goto(host.page({ api: apiOrigin, events: [event.id] }));
    const widget = page.locator('#w0');
    await widget.getByRole('heading', { name: 'Consent Concert' }).waitFor();
    // Signed in on the Queuetix site in this browser already.
    const site = await page.context().newPage();
    await site.goto(`${apiOrigin}/sign-in`);
    await site.getByTestId('name').fill('Returning Buyer');
    await site.getByTestId('sign-in').click();
    await site.waitForFunction(() => localStorage.getItem('queuetix.token'));
    await site.close();

    const [popup] = await Promise.all([page.waitForEvent('popup'), widget.getByRole('button', { name: /sign in/i }).click()]);
    await popup.getByTestId('embed-allow').waitFor();
    expect(await popup.getByTestId('embed-origin').textContent()).to.equal(host.origin);
    expect(await popup.getByTestId('embed-event').textContent()).to.equal('Consent Concert');
    expect(await popup.getByTestId('embed-abilities').textContent()).to.match(/join and leave the line.*checkout.*tickets/s);
    await popup.getByTestId('embed-allow').click();
    await popup.waitForEvent('close');
    await widget.getByText('Signed in as Returning Buyer').waitFor();

    // The token ends after 15 minutes: the widget asks again by itself, and the popup renews at once.
    await page.clock.fastForward('15:05');
    await widget.getByRole('button', { name: /sign in/i }).waitFor();
    // No consent screen this time: the popup may well be gone before we look at it.
    await Promise.all([page.waitForEvent('popup'), widget.getByRole('button', { name: /sign in/i }).click()]);
    await widget.getByText('Signed in as Returning Buyer').waitFor();
    const tokens = (await recorded(page)).messages.filter((m) => m.data?.type === 'queuetix:token');
    expect(tokens).to.have.length(2);
  });

  it('shows an error state and emits queuetix-error for a bad event id', async () => {
    const page = await openHostPage({ api: apiOrigin, events: ['no_such_event_123', '../bad id'] });
    const unknown = await heard(page, 'queuetix-error', 'w0');
    expect(unknown).to.include({ eventId: 'no_such_event_123', code: 'not_found' });
    await page.locator('#w0 [part="error"]').getByText('This event could not be found.').waitFor();
    const malformed = await heard(page, 'queuetix-error', 'w1');
    expect(malformed.code).to.equal('invalid_attribute');
    await page.locator('#w1 [part="error"][role="alert"]').waitFor();
  });

  it('serves the demo host page from another origin with two differently themed widgets', async () => {
    const festival = await createEvent(seller, { name: 'Demo Festival', allowedOrigins: [host.origin] });
    const club = await createEvent(seller, { name: 'Demo Club Night', allowedOrigins: [host.origin] });
    const image = new FormData();
    image.append('image', new Blob([Buffer.from(onePixelPng, 'base64')], { type: 'image/png' }), 'poster.png');
    expect((await seller.request('POST', `/api/events/${festival.id}/image`, image)).status).to.equal(200);
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${host.origin}/widget/demo/?api=${encodeURIComponent(apiOrigin)}&event=${festival.id}&event2=${club.id}`);
    await page.locator('#festival').getByRole('heading', { name: 'Demo Festival' }).waitFor();
    await page.locator('#club').getByRole('heading', { name: 'Demo Club Night' }).waitFor();
    // The event image loads on the other origin too.
    const poster = page.locator('#festival [part="image"]');
    await poster.waitFor();
    await page.waitForFunction((el) => (el as any).complete, await poster.elementHandle());
    expect(await poster.evaluate((img) => (img as any).naturalWidth)).to.equal(1);
    const background = (id: string) => computed(page.locator(`#${id} [part="base"]`), ['background-color']);
    expect(await background('festival')).to.not.deep.equal(await background('club'));

    // The backend serves the same page at /widget/demo, where it picks events on sale by itself.
    await page.goto(`${apiOrigin}/widget/demo`);
    for (const id of ['festival', 'club']) await page.locator(`#${id} [part="title"]`).waitFor();
    expect(await page.locator('[part="error"]').count()).to.equal(0);
  });

  // Last: it restarts the backend (same port, same database).
  it('shows a reconnecting state when the connection is lost and resumes where the buyer was', async () => {
    const event = await createEvent(seller, { name: 'Outage Gig', totalTickets: 1, allowedOrigins: [host.origin] });
    const holder = (await api.signIn('Ticket Holder')).api;
    expect((await holder.post(`/api/events/${event.id}/queue`, { quantity: 1 })).status).to.equal(201);
    const page = await openHostPage({ api: apiOrigin, events: [event.id] });
    const widget = page.locator('#w0');
    await widget.getByRole('heading', { name: 'Outage Gig' }).waitFor();
    await signInThroughPopup(page, widget, 'Patient Buyer', apiOrigin);
    await widget.getByRole('button', { name: 'Join the line' }).click();
    await widget.locator('[part="position"]').filter({ hasText: '#1' }).waitFor();

    await backend.kill();
    await widget.locator('[part="banner"]').getByText('Connection lost. Reconnecting…').waitFor();

    backend = await startBackend({ label: 'widget-e2e-restarted', dbName: backend.dbName, env: backendEnv });
    await widget.locator('[part="banner"]').waitFor({ state: 'detached', timeout: 30_000 });
    await widget.locator('[part="position"]').filter({ hasText: '#1' }).waitFor();
    // The resumed connection still carries the buyer's pushes: the holder leaves, our buyer is offered.
    expect((await holder.delete(`/api/events/${event.id}/queue/me`)).status).to.equal(200);
    await widget.getByRole('heading', { name: "It's your turn!" }).waitFor();
    expect((await recorded(page)).events.map((e) => e.name)).to.include('queuetix-offer');
  });

  it('fires queuetix-joined before queuetix-offer when the offer comes at once', async () => {
    const event = await createEvent(seller, { name: 'Walk-in Gig', totalTickets: 5, price: 900, allowedOrigins: [host.origin] });
    const page = await openHostPage({ api: apiOrigin, events: [event.id] });
    const widget = page.locator('#w0');
    await widget.getByRole('heading', { name: 'Walk-in Gig' }).waitFor();
    await signInThroughPopup(page, widget, 'Walk-in Buyer', apiOrigin);
    await widget.getByRole('button', { name: 'Join the line' }).click();
    await heard(page, 'queuetix-offer');
    await heard(page, 'queuetix-joined');
    const names = (await recorded(page)).events.map((e) => e.name).filter((n) => n !== 'queuetix-error');
    expect(names).to.deep.equal(['queuetix-joined', 'queuetix-offer']);
  });
});

/** Computed style values of one element (pierces the widget's open shadow root via the locator). */
function computed(locator: Locator, properties: string[]): Promise<Record<string, string>> {
  return locator.evaluate((element, props) => {
    const style = (globalThis as any).getComputedStyle(element);
    return Object.fromEntries(props.map((p: string) => [p, style.getPropertyValue(p)]));
  }, properties);
}
