/**
 * docs/domain.md, Ticket types and Codes, over HTTP with real Stripe calls against stripe-mock: a
 * mixed-type rush of 1,000 buyers (standing, seated, both, a hidden presale type behind an access
 * code, two discount codes) sells exactly the event's overall capacity, never a type beyond its
 * own, each ticket priced as its type and code say, the platform fee 1% of what is actually paid.
 */
import { expect } from 'chai';
import { Api } from '../support/api.js';
import type { Backend } from '../support/backend.js';
import { eventBody, sleep } from '../support/fixtures.js';
import { startStripeMock, type StripeMock } from '../support/stripe-mock.js';
import { mintBuyerTokens } from '../support/tokens.js';
import { connectedSeller, deliver, READY_ACCOUNT, sessionCompletedEvent, sessionCreateRequest, startStripeBackend } from './helpers.js';

const BUYERS = 1_000;
const TYPES = [
  { id: 'standing', name: 'Standing', price: 2000, capacity: 300 },
  { id: 'seated', name: 'Seated', price: 5000, capacity: 100 },
  { id: 'presale', name: 'Members presale', price: 1500, capacity: 50, hidden: true },
];
/** The venue holds fewer than the types together: the overall capacity decides. */
const CAPACITY = 420;
const price = (typeId: string) => TYPES.find((t) => t.id === typeId)!.price;

/** What buyer i asks for, and which codes they bring. */
function requestOf(i: number): { items: { typeId: string; quantity: number }[]; accessCode?: string; discountCode?: string } {
  const kind = i % 10;
  const items =
    kind <= 4
      ? [{ typeId: 'standing', quantity: 1 + (i % 2) }]
      : kind === 5
        ? [
            { typeId: 'standing', quantity: 1 },
            { typeId: 'seated', quantity: 1 },
          ]
        : kind <= 8
          ? [{ typeId: 'seated', quantity: 1 }]
          : [{ typeId: 'presale', quantity: 2 }];
  return {
    items,
    ...(kind === 9 ? { accessCode: 'members-2030' } : {}),
    ...(i % 4 === 0 ? { discountCode: 'tenoff' } : i % 7 === 3 && kind >= 5 && kind <= 8 ? { discountCode: 'SEAT-5' } : {}),
  };
}

/**
 * Like Stripe and a browser: a 503 (the database briefly behind on this shared machine; the actor
 * recovering) is tried again, a few times.
 */
async function retrying<T extends { status: number }>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await call();
    if (res.status !== 503 || attempt >= 20) return res;
    await sleep(250 * attempt);
  }
}

/** The Stripe event for a paid session, totalling every line item the server sent. */
function completedEvent(stripe: StripeMock, sessionId: string) {
  const params = sessionCreateRequest(stripe, sessionId).params;
  let total = 0;
  for (let i = 0; params.has(`line_items[${i}][quantity]`); i++) {
    total += Number(params.get(`line_items[${i}][price_data][unit_amount]`)) * Number(params.get(`line_items[${i}][quantity]`));
  }
  return {
    event: sessionCompletedEvent(stripe, sessionId, { amountTotal: total }),
    total,
    fee: Number(params.get('payment_intent_data[application_fee_amount]')),
  };
}

describe('payments: a mixed-type rush with presale and discount codes (stripe-mock)', function () {
  this.timeout(1_200_000);
  let stripe: StripeMock;
  let backend: Backend;
  after(async () => {
    await backend?.stop();
    await stripe?.stop();
  });

  it(`sells exactly the capacity to ${BUYERS} buyers, each ticket at its type's price less its code, the fee 1% of what was paid`, async () => {
    stripe = await startStripeMock();
    stripe.setAccountDefaults(READY_ACCOUNT);
    backend = await startStripeBackend(stripe, { label: 'types-rush' });
    const api = new Api(backend.url);
    const { seller } = await connectedSeller(api, 'Types Seller');
    const { price: _p, totalTickets: _t, ...fields } = eventBody();
    const created = await seller.post('/api/events', { ...fields, maxPerBuyer: 4, offerWindowSec: 3600, ticketTypes: TYPES, capacity: CAPACITY });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const event = created.body;
    expect(event).to.include({ totalTickets: CAPACITY, capacity: CAPACITY, price: 2000 });
    const codes = [
      { code: 'MEMBERS-2030', kind: 'access', typeIds: ['presale'], maxUses: 60 },
      { code: 'TENOFF', kind: 'discount', typeIds: [], percentOff: 10, maxUses: 150 },
      { code: 'SEAT-5', kind: 'discount', typeIds: ['seated'], amountOff: 500, maxUses: 40 },
    ];
    for (const code of codes) expect((await seller.post(`/api/events/${event.id}/codes`, code)).status).to.equal(201);
    const publicView = (await api.get(`/api/events/${event.id}`)).body;
    expect(
      publicView.ticketTypes.map((t: { id: string }) => t.id),
      'the presale type is hidden',
    ).to.deep.equal(['standing', 'seated']);

    const buyers = (await mintBuyerTokens(backend, BUYERS, 'mix')).map((b, i) => ({ ...b, i, api: api.as(b.token), request: requestOf(i) }));
    // Everyone joins at once; a code that is used up is refused (422) and the buyer joins without it.
    const joins = await Promise.all(
      buyers.map(async (b) => {
        let res = await retrying(() => b.api.post(`/api/events/${event.id}/queue`, b.request));
        if (res.status === 422) {
          expect(res.body.error.code).to.equal('code_invalid');
          const { discountCode: _d, accessCode, ...rest } = b.request;
          b.request = accessCode ? { items: [{ typeId: 'standing', quantity: 2 }] } : rest;
          res = await retrying(() => b.api.post(`/api/events/${event.id}/queue`, b.request));
        }
        return res;
      }),
    );
    expect(
      joins.map((r) => r.status).filter((s) => s !== 201),
      JSON.stringify(joins.find((r) => r.status !== 201)?.body),
    ).to.deep.equal([]);
    const codeUses = (await seller.get(`/api/events/${event.id}/codes`)).body.items as { code: string; held: number; used: number; maxUses: number }[];
    for (const code of codeUses) expect(code.held + code.used, code.code).to.be.at.most(code.maxUses);
    expect(codeUses.find((c) => c.code === 'TENOFF')!.held, 'the discount was used up by the rush').to.equal(150);

    // Buyers pay as they get offers, down the line; a waiting buyer whose types sold out leaves.
    const order = buyers.map((b, k) => ({ ...b, position: joins[k]!.body.position ?? 0 })).sort((x, y) => x.position - y.position);
    const done = new Set<string>();
    let fees = 0;
    let paidTotal = 0;
    for (let round = 0; round < 200; round++) {
      const front = order.filter((o) => !done.has(o.userId)).slice(0, 100);
      if (front.length === 0) break;
      const entries = await Promise.all(front.map((o) => retrying(() => o.api.get(`/api/events/${event.id}/queue/me`))));
      let acted = 0;
      await Promise.all(
        front.map(async (o, k) => {
          const entry = entries[k]!.body;
          if (entry.status === 'offered') {
            acted++;
            done.add(o.userId);
            const checkout = await retrying(() => o.api.post(`/api/events/${event.id}/checkout`, { flow: 'site' }));
            expect(checkout.status, JSON.stringify(checkout.body)).to.be.oneOf([200, 201]);
            const { event: paid, total, fee } = completedEvent(stripe, checkout.body.sessionId);
            expect(total, 'Stripe is asked for the offer amount').to.equal(entry.amount);
            expect(fee, 'the platform fee is 1% of what is paid').to.equal(Math.round(total * 0.01));
            fees += fee;
            paidTotal += total;
            expect((await retrying(() => deliver(api, stripe, paid))).status).to.equal(200);
          } else if (entry.status === 'waiting' && (entry.soldOut || entry.unavailableTypeIds?.length)) {
            acted++;
            done.add(o.userId);
            expect((await retrying(() => o.api.delete(`/api/events/${event.id}/queue/me`))).status).to.equal(200);
          }
        }),
      );
      const a = (await api.get(`/api/events/${event.id}/availability`)).body;
      if (a.sold === CAPACITY && a.held === 0) break;
      if (acted === 0) throw new Error(`nobody could act in round ${round}: ${JSON.stringify(a)}`);
    }

    const availability = (await api.get(`/api/events/${event.id}/availability`)).body;
    expect(availability).to.include({ total: CAPACITY, sold: CAPACITY, held: 0, free: 0, soldOut: true });
    const report = (await seller.get(`/api/seller/events/${event.id}/sales`)).body;
    const byType = new Map<string, { sold: number }>(report.byType.map((t: { typeId: string; sold: number }) => [t.typeId, t]));
    let sold = 0;
    for (const type of TYPES) {
      expect(byType.get(type.id)!.sold, type.id).to.be.at.most(type.capacity);
      sold += byType.get(type.id)!.sold;
    }
    expect(sold).to.equal(CAPACITY);
    expect(report).to.include({ sold: CAPACITY, gross: paidTotal, fee: fees });

    // Every ticket is priced as its type and its code say.
    const discounts: Record<string, (p: number) => number> = { TENOFF: (p) => Math.floor(p / 10), 'SEAT-5': (p) => Math.min(500, p) };
    const tickets: any[] = [];
    for (let i = 0; i < buyers.length; i += 100) {
      const pages = await Promise.all(buyers.slice(i, i + 100).map((b) => retrying(() => b.api.get('/api/tickets?pageSize=100'))));
      for (const page of pages) {
        expect(page.status, JSON.stringify(page.body)).to.equal(200);
        tickets.push(...page.body.items);
      }
    }
    expect(tickets).to.have.length(CAPACITY);
    for (const t of tickets) {
      const off = t.discountCode ? discounts[t.discountCode]!(price(t.typeId)) : 0;
      expect(t.amount, `${t.typeId} ${t.discountCode ?? ''}`).to.equal(price(t.typeId) - off);
    }
    expect(tickets.filter((t) => t.typeId === 'presale').length, 'the presale sold through its code').to.be.greaterThan(0);
    expect(tickets.filter((t) => t.discountCode === 'TENOFF').length).to.be.greaterThan(0);
    const after = (await seller.get(`/api/events/${event.id}/codes`)).body.items as { code: string; held: number; used: number; maxUses: number }[];
    for (const code of after) expect(code.used + code.held, code.code).to.be.at.most(code.maxUses);
  });
});
