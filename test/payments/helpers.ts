/** Shared steps of the payment tests, through the public API only (plus the Stripe mock's records). */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, eventually } from '../support/fixtures.js';
import type { StripeMock, StripeRequest } from '../support/stripe-mock.js';

export const READY_ACCOUNT = { charges_enabled: true, details_submitted: true, payouts_enabled: true };

/** A backend taking real (stripe-mock) payments, rate limits off. */
export function startStripeBackend(stripe: StripeMock, options: { dbName?: string; label?: string } = {}): Promise<Backend> {
  return startBackend({
    ...options,
    env: { JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0', PUBLIC_URL: 'http://shop.example.test', ...stripe.env },
  });
}

/** A seller who has connected a Stripe account (the mock says it can take charges). */
export async function connectedSeller(api: Api, name = 'Seller'): Promise<{ seller: Api; accountId: string; userId: string }> {
  const { api: seller, user } = await api.signIn(name, 'seller');
  const res = await seller.post('/api/seller/stripe/account');
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return { seller, accountId: res.body.accountId, userId: user.id };
}

/** A buyer who joined and holds a live offer. */
export async function buyerWithOffer(api: Api, eventId: string, quantity = 1, name = 'Buyer'): Promise<{ buyer: Api; entry: any; userId: string }> {
  const { api: buyer, user } = await api.signIn(name, 'buyer');
  const joined = await buyer.post(`/api/events/${eventId}/queue`, { quantity });
  expect(joined.status, JSON.stringify(joined.body)).to.equal(201);
  const entry = await eventually(
    async () => {
      const me = await buyer.get(`/api/events/${eventId}/queue/me`);
      return me.body.status === 'offered' ? me.body : undefined;
    },
    10_000,
    'an offer',
  );
  return { buyer, entry, userId: user.id };
}

/** A buyer who joined and waits behind others. */
export async function waitingBuyer(api: Api, eventId: string, quantity = 1, name = 'Waiting buyer'): Promise<{ buyer: Api; userId: string }> {
  const { api: buyer, user } = await api.signIn(name, 'buyer');
  const joined = await buyer.post(`/api/events/${eventId}/queue`, { quantity });
  expect(joined.status, JSON.stringify(joined.body)).to.equal(201);
  expect(joined.body.status).to.equal('waiting');
  return { buyer, userId: user.id };
}

export { createEvent };

/** The request our server made to create a checkout session, found by the session id Stripe returned. */
export function sessionCreateRequest(stripe: StripeMock, sessionId: string): StripeRequest {
  const found = stripe.requests.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions' && r.body?.id === sessionId);
  if (!found) throw new Error(`no checkout session ${sessionId} was created`);
  return found;
}

/** The Stripe event Stripe would send when the buyer pays the session (stripe-mock cannot send webhooks). */
export function sessionCompletedEvent(stripe: StripeMock, sessionId: string, overrides: { paymentIntent?: string; amountTotal?: number } = {}) {
  const params = sessionCreateRequest(stripe, sessionId).params;
  const unitAmount = Number(params.get('line_items[0][price_data][unit_amount]'));
  const quantity = Number(params.get('line_items[0][quantity]'));
  const metadata: Record<string, string> = {};
  for (const [key, value] of params) {
    const match = /^metadata\[(\w+)\]$/.exec(key);
    if (match) metadata[match[1]!] = value;
  }
  return stripeEvent('checkout.session.completed', {
    id: sessionId,
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    amount_subtotal: unitAmount * quantity,
    amount_total: overrides.amountTotal ?? unitAmount * quantity,
    currency: params.get('line_items[0][price_data][currency]'),
    client_reference_id: params.get('client_reference_id'),
    payment_intent: overrides.paymentIntent ?? `pi_${randomBytes(12).toString('hex')}`,
    metadata,
  });
}

export function sessionExpiredEvent(sessionId: string) {
  return stripeEvent('checkout.session.expired', {
    id: sessionId,
    object: 'checkout.session',
    mode: 'payment',
    status: 'expired',
    payment_status: 'unpaid',
    metadata: {},
  });
}

function stripeEvent(type: string, object: Record<string, unknown>) {
  return {
    id: `evt_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** Delivers a signed webhook, as Stripe does. */
export function deliver(api: Api, stripe: StripeMock, event: Record<string, unknown>) {
  const { body, headers } = stripe.signedWebhook(event);
  return api.as(undefined).request('POST', '/api/webhooks/stripe', body, headers);
}

/** The payment intent id of a completed-session event. */
export function paymentIntentOf(event: { data: { object: Record<string, unknown> } }): string {
  return event.data.object.payment_intent as string;
}

export async function myTickets(buyer: Api): Promise<any[]> {
  const res = await buyer.get('/api/tickets');
  expect(res.status).to.equal(200);
  return Array.isArray(res.body) ? res.body : res.body.items;
}

export const newApi = (backend: Backend) => new Api(backend.url);
