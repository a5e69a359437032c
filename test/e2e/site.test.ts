/**
 * The Vue site end to end in headless Chromium against the real server, database and Socket.IO:
 * a seller onboards and publishes an event with an image; two buyers queue, one buys through demo
 * checkout and gets a QR ticket while the other moves up live; the seller sees the sale, checks the
 * ticket in at the door, cancels and watches the refunds complete.
 * The steps run in order and share one story (each `it` names the rule it checks).
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, eventually, inDays } from '../support/fixtures.js';
import { cspViolations, ensureSiteBuilt, freePort, launchBrowser, makePng, newPerson, saveFailureScreens, shoot, signIn } from './site-browser.js';

describe('site: buyers and sellers in a real browser', function () {
  this.timeout(120_000);

  let backend: Backend;
  let api: Api;
  let browser: Browser;
  let seller: Page;
  let alice: Page; // buys
  let bob: Page; // waits and moves up
  let eventId = '';
  let ticketCodes: string[] = [];

  before(async () => {
    ensureSiteBuilt();
    // Checkout return URLs are built from PUBLIC_URL, so the server must know its own address.
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    backend = await startBackend({ label: 'site-e2e', env: { PORT: String(port), PUBLIC_URL: origin, JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' } });
    api = new Api(origin);
    browser = await launchBrowser();
    seller = (await newPerson(browser, origin)).page;
    alice = (await newPerson(browser, origin)).page;
    bob = (await newPerson(browser, origin)).page;
  });

  // A failed step leaves a picture of every person's screen in the run's artifacts.
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await saveFailureScreens({ seller, alice, bob }, this.currentTest.title);
  });

  after(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('sends a visitor of a protected page to sign in, then back to that page', async () => {
    await seller.goto('/seller');
    await seller.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('redirect') === '/seller');
    await signIn(seller, 'Stage Door Promotions', 'seller', '/seller');
    expect(new URL(seller.url()).pathname).to.equal('/seller');
  });

  it('onboards a seller through (demo) Stripe Connect and shows the live status', async () => {
    await seller.goto('/seller/onboarding');
    await seller.getByTestId('start-onboarding').click();
    await seller.getByTestId('create-first-event').waitFor();
    const done = await seller.locator('[data-testid="stripe-status"] li[data-done="true"]').count();
    expect(done).to.equal(4);
    await shoot(seller, 'seller-onboarding');
  });

  it('validates the event form with the shared schema before sending', async () => {
    await seller.goto('/seller/events/new');
    await seller.getByTestId('save-event').click();
    await seller.locator('[aria-invalid="true"]').first().waitFor();
    const invalid = await seller.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).dataset.testid));
    expect(invalid).to.include.members(['f-name', 'f-location', 'f-date']);
    expect(new URL(seller.url()).pathname).to.equal('/seller/events/new');
  });

  it('publishes an event with an uploaded image and a preview', async () => {
    await seller.getByTestId('f-name').fill('Midnight Orchestra Live');
    await seller.getByTestId('f-description').fill('A night of film scores under the stars.\nDoors open one hour before.');
    await seller.getByTestId('f-location').fill('Parc de la Villette, Paris');
    await seller.getByTestId('f-date').fill(localInput(inDays(21)));
    await seller.getByTestId('f-price').fill('45');
    await seller.getByTestId('f-total').fill('2');
    await seller.getByTestId('f-max').fill('4');
    const png = await makePng(seller, 'Midnight Orchestra');
    await seller.getByTestId('image-input').setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: png });
    await seller.getByTestId('image-preview').waitFor();
    await shoot(seller, 'seller-new-event');
    await seller.getByTestId('save-event').click();
    await seller.waitForURL((url) => /^\/seller\/events\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
    eventId = new URL(seller.url()).pathname.split('/').pop()!;
    const event = (await api.get(`/api/events/${eventId}`)).body;
    expect(event).to.include({ name: 'Midnight Orchestra Live', price: 4500, totalTickets: 2 });
    expect(event.imageUrl, 'image uploaded').to.be.a('string');
    const image = await fetch(new URL(event.imageUrl, api.baseUrl));
    expect(image.status).to.equal(200);
  });

  it('lists the event on the home page and in search, with filters kept in the URL', async () => {
    // Another organiser's events, so the listings look like a marketplace and not a single show.
    const other = (await api.signIn('Harbour Lights Festival', 'seller')).api;
    await other.post('/api/seller/stripe/account');
    await createEvent(other, { name: 'Harbour Lights Jazz Night', location: 'Old Port, Marseille', eventDate: inDays(9), price: 2800, totalTickets: 300 });
    await createEvent(other, { name: 'Sunrise Yoga on the Pier', location: 'Pier 7, Marseille', eventDate: inDays(12), price: 0, totalTickets: 40 });
    const later = await createEvent(other, {
      name: 'Indie Film Marathon',
      location: 'Cinéma Lumière, Lyon',
      eventDate: inDays(40),
      price: 1500,
      totalTickets: 120,
      salesStartAt: inDays(5),
    });
    await alice.goto('/');
    await alice.getByTestId('event-card').filter({ hasText: 'Midnight Orchestra Live' }).waitFor();
    await shoot(alice, 'home');
    await alice.goto('/search?available=true');
    await alice.getByTestId('event-card').filter({ hasText: 'Harbour Lights Jazz Night' }).waitFor();
    await shoot(alice, 'search');
    await alice.goto('/search?q=orchestra&available=true');
    await alice.getByTestId('event-card').filter({ hasText: 'Midnight Orchestra Live' }).waitFor();
    expect(await alice.locator('#f-q').inputValue()).to.equal('orchestra');
    expect(await alice.getByTestId('event-card').count()).to.equal(1);
    await alice.locator('#f-q').fill('no such band anywhere');
    await alice.getByRole('button', { name: 'Apply' }).click();
    await alice.waitForURL(/q=no\+such\+band\+anywhere/);
    await alice.getByText('No events match these filters.').waitFor();

    // Before the on-sale: a countdown and the lottery promise instead of a refresh race.
    await alice.goto(`/events/${later.id}`);
    await alice.getByTestId('onsale-countdown').waitFor();
    await shoot(alice, 'event-before-sale');
  });

  it('offers the head of the line and shows the next buyers their live place', async () => {
    await signIn(alice, 'Alice Martin', 'buyer', `/events/${eventId}`);
    await alice.getByTestId('quantity').selectOption('2');
    await alice.getByTestId('join').click();
    await alice.getByTestId('offer').waitFor();
    expect(await alice.getByTestId('offer-countdown').innerText()).to.match(/^\d+:\d\d/);

    // Someone joins through the API between Alice and Bob, so Bob starts second in line.
    const standIn = (await api.signIn('Line Stander', 'buyer')).api;
    expect((await standIn.post(`/api/events/${eventId}/queue`, { quantity: 1 })).body.position).to.equal(1);

    await signIn(bob, 'Bob Okafor', 'buyer', `/events/${eventId}`);
    await bob.getByTestId('join').click();
    await expectText(bob, 'position', '#2');
    expect(await bob.getByTestId('ahead').innerText()).to.equal('1');
    await shoot(bob, 'event-waiting');
    await shoot(alice, 'event-offer');

    await standIn.delete(`/api/events/${eventId}/queue/me`);
  });

  it('moves the waiting buyer up live, and says so to screen readers', async () => {
    await expectText(bob, 'position', '#1');
    expect(await bob.getByTestId('ahead').innerText()).to.equal('0');
    await eventually(async () => ((await bob.getByTestId('announce-polite').innerText()).includes('number 1') ? true : undefined), 5_000, 'announcement');
  });

  it('sells the offer through the demo checkout and shows the QR ticket', async () => {
    await alice.getByTestId('buy').click();
    await alice.waitForURL(/\/demo-checkout\//);
    expect(await alice.getByTestId('demo-label').innerText()).to.match(/no card is charged/i);
    expect(await alice.getByTestId('demo-amount').innerText()).to.contain('90.00');
    await shoot(alice, 'demo-checkout');
    await alice.getByTestId('demo-pay').click();
    await alice.waitForURL(/\/checkout\/success/);
    await alice.getByTestId('success-title').waitFor({ timeout: 20_000 });
    // A group: one QR per guest, each saying which of the purchase it is.
    await alice.getByTestId('ticket-qr').nth(1).waitFor();
    expect(await alice.getByTestId('ticket-qr').count()).to.equal(2);
    expect(await alice.getByTestId('ticket-order-label').allInnerTexts()).to.deep.equal(['Ticket 1 of 2', 'Ticket 2 of 2']);
    await shoot(alice, 'checkout-success');
    // A success link for a session that is not hers says so, instead of "You're going!".
    await alice.goto('/checkout/success?session_id=cs_test_not_hers');
    await alice.getByTestId('payment-not-found').waitFor();
    expect(await alice.getByTestId('success-title').count()).to.equal(0);

    await alice.goto('/tickets');
    await alice.getByTestId('ticket-card').first().waitFor();
    expect(await alice.getByTestId('ticket-card').count()).to.equal(2);
    expect((await alice.getByTestId('ticket-order-label').allInnerTexts()).sort()).to.deep.equal(['Ticket 1 of 2', 'Ticket 2 of 2']);
    await shoot(alice, 'my-tickets');
    const tickets = (await alice.evaluate(async () => {
      const res = await fetch('/api/tickets', { headers: { Authorization: `Bearer ${localStorage.getItem('queuetix.token')}` } });
      const body = await res.json();
      return Array.isArray(body) ? body : body.items;
    })) as { id: string; code: string }[];
    ticketCodes = tickets.map((t) => t.code);
    await alice.goto(`/tickets/${tickets[0]!.id}`);
    await alice.getByTestId('ticket-qr').waitFor();
    // Shown in groups of four, easy to read out and type at the door.
    expect(await alice.getByTestId('ticket-code').innerText()).to.equal(tickets[0]!.code.match(/.{4}/g)!.join('-'));
    await shoot(alice, 'ticket');
  });

  it('tells the buyer still in line that the event sold out, without a reload', async () => {
    await bob.getByTestId('availability').filter({ hasText: '0 of 2 available' }).waitFor();
    // Not "You are next": sold out while waiting, with their place kept and the way out.
    const notice = await bob.getByTestId('sold-out-waiting').innerText();
    expect(notice)
      .to.match(/Sold out while you waited/)
      .and.to.match(/\(#1\)/);
    expect(await bob.getByText('You are next.').count()).to.equal(0);
    await bob.getByTestId('leave').waitFor();
    await shoot(bob, 'event-sold-out-waiting');
  });

  it('shows the sale to the seller: counts, money and the buyer', async () => {
    await seller.goto('/seller');
    const row = seller.getByTestId('seller-event').filter({ hasText: 'Midnight Orchestra Live' });
    await expectText(seller, 'count-sold', '2', row);
    expect(await row.getByTestId('gross').innerText()).to.contain('90.00');
    await shoot(seller, 'seller-dashboard');
    await seller.goto(`/seller/events/${eventId}`);
    await expectText(seller, 'sales-sold', '2');
    await shoot(seller, 'seller-sales');
  });

  it('admits a ticket at the door once and refuses it the second time', async () => {
    await seller.goto(`/seller/events/${eventId}/check-in`);
    await seller.getByTestId('typed-code').fill(ticketCodes[0]!);
    await seller.getByTestId('check-code').click();
    await seller.locator('[data-testid="check-in-result"][data-result="admitted"]').waitFor();
    await shoot(seller, 'check-in-admitted');
    await seller.getByTestId('typed-code').fill(ticketCodes[0]!);
    await seller.getByTestId('check-code').click();
    await seller.locator('[data-testid="check-in-result"][data-result="already_used"]').waitFor();
    await seller.getByTestId('typed-code').fill('not-a-real-ticket-code');
    await seller.getByTestId('check-code').click();
    await seller.locator('[data-testid="check-in-result"][data-result="not_found"]').waitFor();
  });

  it('gives door staff a check-in pass: a link and QR that check tickets in on a phone without signing in, until revoked', async () => {
    await seller.goto(`/seller/events/${eventId}/check-in`);
    await seller.getByTestId('pass-label').fill('Front door');
    await seller.getByTestId('create-pass').click();
    const link = await seller.getByTestId('pass-link').inputValue();
    expect(link).to.match(new RegExp(`/door/${eventId}#qcp_`));
    await seller.getByTestId('new-pass').getByTestId('ticket-qr').waitFor();
    await seller.getByTestId('pass-list').getByText('Front door').waitFor();
    await shoot(seller, 'check-in-pass');

    // A staff phone: nobody signed in.
    const { context: phone, page: staff } = await newPerson(browser, api.baseUrl);
    try {
      await staff.setViewportSize({ width: 360, height: 800 });
      await staff.goto(link);
      await staff.getByTestId('door-count').filter({ hasText: '1 of 2 admitted' }).waitFor();
      expect(new URL(staff.url()).hash).to.equal(''); // the pass left the address bar
      await staff.getByTestId('door-code').fill(ticketCodes[0]!);
      await staff.getByTestId('door-check').click();
      await staff.locator('[data-testid="check-in-result"][data-result="already_used"]').waitFor();
      await shoot(staff, 'door-staff');

      await seller.getByTestId('revoke-Front door').click();
      await seller.getByTestId('pass-revoked').waitFor();
      await staff.getByTestId('door-code').fill(ticketCodes[1]!);
      await staff.getByTestId('door-check').click();
      await staff.getByText(/revoked by the organiser/).waitFor();
    } finally {
      await phone.close();
    }
  });

  it('cancels only after a confirmation naming the refunds, then shows them complete', async () => {
    await seller.goto(`/seller/events/${eventId}`);
    await seller.getByTestId('cancel-event').click();
    const question = await seller.getByTestId('cancel-confirm-text').innerText();
    // Both tickets are refunded, the one already checked in too, and the dialog says how much goes back.
    expect(question).to.match(/2 tickets \(1 payment\) will be refunded in full: \$90\.00 goes back/);
    await shoot(seller, 'seller-cancel-confirm');
    await seller.getByRole('button', { name: /Cancel and refund 2 tickets/ }).click();
    await seller.getByTestId('refund-progress').filter({ hasText: 'Refunds complete: 2 of 2' }).waitFor({ timeout: 30_000 });
    await shoot(seller, 'seller-refunds-done');
  });

  it('shows buyers the cancellation and the refunded ticket plainly', async () => {
    await bob.getByTestId('cancelled').waitFor();
    await shoot(bob, 'event-cancelled');
    await alice.goto('/tickets');
    await alice.getByTestId('ticket-status').filter({ hasText: 'Refunded' }).first().waitFor();
    const statuses = await alice.getByTestId('ticket-status').allInnerTexts();
    expect(statuses.sort()).to.deep.equal(['Refunded', 'Refunded']);
  });

  // Last: every page above ran under the site's policy.
  it('serves the site under a strict Content-Security-Policy that nothing on it breaks', async () => {
    const res = await fetch(`${api.baseUrl}/events/${eventId}`);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).to.match(/(^|; )script-src 'self'(;|$)/);
    expect(policy).to.include("object-src 'none'").and.include("frame-ancestors 'none'");
    expect(cspViolations, cspViolations.join('\n')).to.deep.equal([]);
  });
});

/** Waits until the element with that test id shows exactly `text`. */
async function expectText(page: Page, testId: string, text: string, within?: ReturnType<Page['locator']>): Promise<void> {
  const scope = within ?? page;
  await scope
    .getByTestId(testId)
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .waitFor({ timeout: 15_000 });
}

/** ISO → the value a datetime-local input takes, in the browser's zone (the context runs in Europe/Paris). */
function localInput(iso: string): string {
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
  return parts.replace(' ', 'T');
}
