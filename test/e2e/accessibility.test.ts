/**
 * Issue 13, point 19: axe-core over every route of the site (frontend/src/router/index.ts), as an
 * anonymous visitor, a buyer and a seller, at desktop and phone widths. Any serious or critical
 * violation fails, and so do the moderate rules that point at real problems (ENFORCED_MODERATE).
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createEvent, inDays } from '../support/fixtures.js';
import type { Api } from '../support/api.js';
import { blockingViolations, describeViolations } from './axe.js';
import { DESKTOP, PHONE, saveFailureScreens } from './site-browser.js';
import { startSite, type Site } from './site-setup.js';

/** Signs a person in through the API and hands the browser their dev token, as the sign-in page would. */
async function signInPage(site: Site, page: Page, name: string, role: 'buyer' | 'seller'): Promise<Api> {
  const { api, token, user } = await site.api.signIn(name, role);
  await page.goto('/sign-in');
  await page.evaluate(
    ([t, u]) => {
      localStorage.setItem('queuetix.token', t);
      localStorage.setItem('queuetix.user', u);
    },
    [token, JSON.stringify(user)] as const,
  );
  return api;
}

describe('site: accessibility of every route (axe-core)', function () {
  this.timeout(180_000);
  let site: Site;
  let visitor: Page;
  let buyer: Page;
  let seller: Page;
  /** [route as the router names it, path to open, who opens it] */
  const visits: [string, string, () => Page][] = [];

  before(async () => {
    site = await startSite('axe-e2e');
    visitor = await site.person();
    buyer = await site.person();
    seller = await site.person();
    const sellerApi = await signInPage(site, seller, 'Axe Seller', 'seller');
    const buyerApi = await signInPage(site, buyer, 'Axe Buyer', 'buyer');
    await sellerApi.post('/api/seller/stripe/account');
    const event = await createEvent(sellerApi, { name: 'Axe Concert', eventDate: inDays(10), totalTickets: 50, price: 2000 });
    const soon = await createEvent(sellerApi, { name: 'Axe Premiere', eventDate: inDays(30), salesStartAt: inDays(3), price: 0 });
    const cancelled = await createEvent(sellerApi, { name: 'Axe Cancelled', eventDate: inDays(12) });
    await sellerApi.post(`/api/events/${cancelled.id}/cancel`);
    const draft = await createEvent(sellerApi, { name: 'Axe Draft', eventDate: inDays(15), status: 'draft' });
    // A paid demo checkout (the ticket pages), and one left unpaid (the demo checkout page).
    await buyerApi.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    const paid = (await buyerApi.post(`/api/events/${event.id}/checkout`, { flow: 'site' })).body.sessionId as string;
    const [ticket] = (await buyerApi.post(`/api/demo-checkout/${paid}/complete`, {})).body.tickets;
    const other = await createEvent(sellerApi, { name: 'Axe Offer', eventDate: inDays(11) });
    // Ticket types (issue 15): the picker, the types editor, the codes manager and the breakdown.
    const typed = await createEvent(sellerApi, {
      name: 'Axe Types',
      eventDate: inDays(13),
      price: undefined,
      totalTickets: undefined,
      ticketTypes: [
        { name: 'Standing', price: 2000, capacity: 40 },
        { name: 'Seated', price: 3500, capacity: 10, salesStartAt: inDays(2) },
        { name: 'Members', price: 1500, capacity: 5, hidden: true },
      ],
    });
    await sellerApi.post(`/api/events/${typed.id}/codes`, { code: 'AXE10', kind: 'discount', percentOff: 10 });
    await buyerApi.post(`/api/events/${typed.id}/queue`, { items: [{ typeId: typed.ticketTypes[0].id, quantity: 2 }], discountCode: 'AXE10' });
    await buyerApi.post(`/api/events/${typed.id}/checkout`, { flow: 'site' });
    await buyerApi.post(`/api/events/${other.id}/queue`, { quantity: 1 });
    const pending = (await buyerApi.post(`/api/events/${other.id}/checkout`, { flow: 'site' })).body.sessionId as string;

    const as = (p: () => Page) => p;
    const v = () => visitor;
    const b = () => buyer;
    const s = () => seller;
    visits.push(
      ['/', '/', as(v)],
      ['/search', '/search?q=axe&available=true', as(v)],
      ['/events/:id', `/events/${event.id}`, as(v)],
      ['/events/:id (before the on-sale)', `/events/${soon.id}`, as(v)],
      ['/events/:id (cancelled)', `/events/${cancelled.id}`, as(v)],
      ['/events/:id (unknown)', '/events/ev_doesnotexist0000', as(v)],
      ['/events/:id (holding an offer)', `/events/${other.id}`, as(b)],
      ['/events/:id (bought)', `/events/${event.id}`, as(b)],
      ['/events/:id (draft preview)', `/events/${draft.id}`, as(s)],
      ['/events/:id (ticket types, offer with a discount)', `/events/${typed.id}`, as(b)],
      ['/events/:id (ticket types, picker)', `/events/${typed.id}`, as(s)],
      ['/sign-in', '/sign-in', as(v)],
      ['/tickets', '/tickets', as(b)],
      ['/tickets/:id', `/tickets/${ticket.id}`, as(b)],
      ['/tickets/:id (unknown)', '/tickets/tk_doesnotexist0000', as(b)],
      ['/checkout/success', `/checkout/success?session_id=${paid}`, as(b)],
      ['/checkout/cancel', `/checkout/cancel?event=${other.id}`, as(b)],
      ['/demo-checkout/:sessionId', `/demo-checkout/${pending}`, as(b)],
      ['/demo-checkout/:sessionId (unknown)', '/demo-checkout/cs_demo_doesnotexist', as(b)],
      ['/seller (a buyer)', '/seller', as(b)],
      ['/seller', '/seller', as(s)],
      ['/seller/onboarding', '/seller/onboarding', as(s)],
      ['/seller/onboarding/return', '/seller/onboarding/return', as(s)],
      ['/seller/onboarding/refresh', '/seller/onboarding/refresh', as(s)],
      ['/seller/events/new', '/seller/events/new', as(s)],
      ['/seller/events/:id/edit', `/seller/events/${event.id}/edit`, as(s)],
      ['/seller/events/:id', `/seller/events/${event.id}`, as(s)],
      ['/seller/events/:id (draft)', `/seller/events/${draft.id}`, as(s)],
      ['/seller/events/:id/edit (ticket types)', `/seller/events/${typed.id}/edit`, as(s)],
      ['/seller/events/:id (ticket types, codes)', `/seller/events/${typed.id}`, as(s)],
      ['/seller/events/:id/check-in', `/seller/events/${event.id}/check-in`, as(s)],
      ['/embed/auth', '/embed/auth', as(v)],
      ['/embed/checkout-done', '/embed/checkout-done', as(v)],
      ['/:pathMatch(.*)*', '/no/such/page', as(v)],
    );
  });
  after(async () => site?.stop());

  it('finds no serious or critical violation on any route, at desktop and phone widths', async () => {
    const problems: string[] = [];
    for (const [name, path, who] of visits) {
      const page = who();
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        // The refresh page moves on to Stripe at once: hold that request so the page stays to be checked.
        if (path === '/seller/onboarding/refresh') await page.route('**/api/seller/stripe/account-link', () => undefined);
        await page.goto(path);
        const found = await settled(page)
          .then(() => blockingViolations(page))
          .catch((err: Error) => {
            throw new Error(`${name} (${page.url()}): ${err.message}`);
          });
        if (path === '/seller/onboarding/refresh') {
          // Leave before releasing the held request, so its redirect cannot cut into the next visit.
          await page.goto('about:blank');
          await page.unrouteAll({ behavior: 'ignoreErrors' });
        }
        if (found.length) problems.push(describeViolations(`${name} @${viewport.width}px`, found));
      }
    }
    if (problems.length) {
      console.error(problems.join('\n'));
      await saveFailureScreens({ visitor, buyer, seller }, 'axe');
    }
    expect(problems, `\n${problems.join('\n')}`).to.deep.equal([]);
  });
});

/** The page has drawn what it loads: no skeleton or busy region left, fonts and a frame done. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page
    .waitForFunction(() => !document.querySelector('[aria-busy="true"], .animate-pulse') && document.querySelector('#main')?.children.length, undefined, {
      timeout: 15_000,
    })
    .catch(() => undefined);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
}
