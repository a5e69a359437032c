import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import Stripe from 'stripe';
import type { Api } from '../support/api.js';
import type { Backend } from '../support/backend.js';
import { eventually } from '../support/fixtures.js';
import { startStripeMock, STRIPE_TEST_WEBHOOK_SECRET, type StripeMock } from '../support/stripe-mock.js';
import {
  buyerWithOffer,
  connectedSeller,
  createEvent,
  deliver,
  myTickets,
  newApi,
  READY_ACCOUNT,
  sessionCompletedEvent,
  sessionExpiredEvent,
  startStripeBackend,
} from './helpers.js';

describe('payments: Stripe webhooks (verified, exactly once)', () => {
  let stripe: StripeMock;
  let backend: Backend;
  let api: Api;
  let seller: Api;
  before(async () => {
    stripe = await startStripeMock();
    stripe.setAccountDefaults(READY_ACCOUNT);
    backend = await startStripeBackend(stripe, { label: 'webhooks' });
    api = newApi(backend);
    ({ seller } = await connectedSeller(api, 'Webhook Seller'));
  });
  after(async () => {
    await backend?.stop();
    await stripe?.stop();
  });

  /** A buyer with a live offer and an open Checkout Session for it. */
  async function buyerAtCheckout(quantity = 1, eventOverrides: Record<string, unknown> = {}) {
    const event = await createEvent(seller, { totalTickets: 5, price: 1999, ...eventOverrides });
    const { buyer, entry } = await buyerWithOffer(api, event.id, quantity);
    const checkout = await buyer.post(`/api/events/${event.id}/checkout`);
    expect(checkout.status).to.equal(200);
    return { event, buyer, entry, sessionId: checkout.body.sessionId as string };
  }

  it('refuses a missing, forged, tampered or stale signature with 400 and changes nothing', async () => {
    const { event, buyer, sessionId } = await buyerAtCheckout();
    const paid = sessionCompletedEvent(stripe, sessionId);
    const body = JSON.stringify(paid);
    const now = Math.floor(Date.now() / 1000);
    const attempts: Record<string, string>[] = [
      { 'content-type': 'application/json' },
      { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_someone_else' }) },
      { 'content-type': 'application/json', 'stripe-signature': 'garbage' },
      {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_TEST_WEBHOOK_SECRET, timestamp: now - 3600 }),
      },
    ];
    for (const headers of attempts) {
      const res = await api.as(undefined).request('POST', '/api/webhooks/stripe', body, headers);
      expect(res.status, JSON.stringify(headers)).to.equal(400);
      expect(res.body.error.code).to.equal('invalid_request');
    }
    // Signed, then one byte changed (the amount): the signature no longer matches.
    const { body: signedBody, headers } = stripe.signedWebhook(paid);
    const tampered = signedBody.replace('"amount_total": 1999', '"amount_total": 1');
    expect(tampered).to.not.equal(signedBody);
    expect((await api.as(undefined).request('POST', '/api/webhooks/stripe', tampered, headers)).status).to.equal(400);

    expect((await buyer.get(`/api/events/${event.id}/queue/me`)).body.status).to.equal('offered');
    expect(await myTickets(buyer)).to.have.length(0);
    // Nothing was recorded for the event id: the genuine delivery is processed as new.
    const genuine = await deliver(api, stripe, paid);
    expect(genuine.status).to.equal(200);
    expect(genuine.body).to.deep.equal({ received: true, duplicate: false });
    expect(await myTickets(buyer)).to.have.length(1);
  });

  it('verifies the exact bytes received: any formatting Stripe chose is accepted as signed', async () => {
    const { buyer, sessionId } = await buyerAtCheckout();
    const event = sessionCompletedEvent(stripe, sessionId);
    // Keys reordered and odd whitespace: re-serialising the parsed body would break the signature.
    const body = `{ "type" :"checkout.session.completed",\n\t"id": "${event.id}",  "data": ${JSON.stringify(event.data)}, "object":"event" }`;
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_TEST_WEBHOOK_SECRET });
    const res = await api.as(undefined).request('POST', '/api/webhooks/stripe', body, { 'content-type': 'application/json', 'stripe-signature': signature });
    expect(res.status).to.equal(200);
    expect(await myTickets(buyer)).to.have.length(1);
  });

  it('issues the tickets once when Stripe delivers checkout.session.completed three times, in a row or at once', async () => {
    const one = await buyerAtCheckout(2);
    const paid = sessionCompletedEvent(stripe, one.sessionId);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await deliver(api, stripe, paid));
    expect(answers.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    expect(answers.map((r) => r.body.duplicate)).to.deep.equal([false, true, true]);
    const tickets = await myTickets(one.buyer);
    expect(tickets).to.have.length(2);
    // Amounts stored are what was actually paid: 2 × 1999.
    expect(tickets.reduce((sum, t) => sum + t.amount, 0)).to.equal(3998);
    expect((await one.buyer.get(`/api/events/${one.event.id}/queue/me`)).body.status).to.equal('purchased');

    const two = await buyerAtCheckout(1);
    const paidTwo = sessionCompletedEvent(stripe, two.sessionId);
    const together = await Promise.all([1, 2, 3].map(() => deliver(api, stripe, paidTwo)));
    expect(together.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    expect(await myTickets(two.buyer)).to.have.length(1);
    expect((await api.get(`/api/events/${two.event.id}/availability`)).body).to.include({ sold: 1, held: 0 });
  });

  it('issues once per payment even when two different events report the same payment', async () => {
    const { buyer, sessionId } = await buyerAtCheckout(1);
    const completed = sessionCompletedEvent(stripe, sessionId);
    const again = { ...completed, id: `${completed.id}_async`, type: 'checkout.session.async_payment_succeeded' };
    for (let i = 0; i < 3; i++) {
      expect((await deliver(api, stripe, completed)).status).to.equal(200);
      expect((await deliver(api, stripe, again)).status).to.equal(200);
    }
    expect(await myTickets(buyer)).to.have.length(1);
    expect(stripe.refundsAtStripe().filter((r) => r.params.get('payment_intent') === completed.data.object.payment_intent)).to.have.length(0);
  });

  it('refuses a completed session whose amount differs from the stored one: no ticket, refunded in full, logged, and Stripe is not asked to retry', async () => {
    const { event, buyer, sessionId } = await buyerAtCheckout(2);
    // 2 × 1999 asked; the session says 3000 was paid (changed outside Queuetix: we allow no promotion codes).
    const completed = sessionCompletedEvent(stripe, sessionId, { amountTotal: 3000 });
    const res = await deliver(api, stripe, completed);
    expect(res.status).to.equal(200);
    expect(await myTickets(buyer)).to.have.length(0);
    const refunds = stripe.refundsAtStripe().filter((r) => r.params.get('payment_intent') === completed.data.object.payment_intent);
    expect(refunds).to.have.length(1);
    expect(refunds[0]!.params.get('amount')).to.equal(null); // in full
    // The offer is untouched: the buyer may still pay the right amount.
    expect((await api.get(`/api/events/${event.id}/availability`)).body).to.include({ held: 2, sold: 0 });
    // Delivered again (Stripe's at-least-once), it changes nothing more.
    expect((await deliver(api, stripe, completed)).status).to.equal(200);
    expect(stripe.refundsAtStripe().filter((r) => r.params.get('payment_intent') === completed.data.object.payment_intent)).to.have.length(1);
    const logged = await eventually(
      async () => {
        const lines = (await readFile(backend.logFile, 'utf8')).split('\n').filter((l) => l.includes('PAYMENT REFUSED'));
        return lines.length > 0 ? lines.map((l) => JSON.parse(l)) : undefined;
      },
      5_000,
      'the operator log line',
    );
    expect(logged[0]).to.deep.include({ level: 50, sessionId, expected: { amount: 3998, currency: 'usd' }, paid: { amount: 3000, currency: 'usd' } });
  });

  it('refuses a completed session in another currency than the stored one', async () => {
    const { buyer, sessionId } = await buyerAtCheckout(1);
    const completed = sessionCompletedEvent(stripe, sessionId);
    completed.data.object.currency = 'eur';
    expect((await deliver(api, stripe, completed)).status).to.equal(200);
    expect(await myTickets(buyer)).to.have.length(0);
    expect(stripe.refundsAtStripe().filter((r) => r.params.get('payment_intent') === completed.data.object.payment_intent)).to.have.length(1);
  });

  it('records checkout.session.expired and changes nothing else: the offer keeps its own clock', async () => {
    const { event, buyer, sessionId } = await buyerAtCheckout();
    const before = (await buyer.get(`/api/events/${event.id}/queue/me`)).body;
    for (let i = 0; i < 2; i++) expect((await deliver(api, stripe, sessionExpiredEvent(sessionId))).status).to.equal(200);
    const after = (await buyer.get(`/api/events/${event.id}/queue/me`)).body;
    expect(after).to.deep.equal(before);
    expect((await api.get(`/api/events/${event.id}/availability`)).body).to.include({ held: 1, sold: 0 });
    // The offer is still live, so the buyer can start a fresh session for it.
    const restarted = await buyer.post(`/api/events/${event.id}/checkout`);
    expect(restarted.status).to.equal(200);
    expect(restarted.body.sessionId).to.not.equal(sessionId);
  });

  it('answers 2xx to events it does not handle and to sessions that are not ours', async () => {
    const ignored = await deliver(api, stripe, {
      id: 'evt_other_1',
      object: 'event',
      type: 'payment_intent.created',
      data: { object: { id: 'pi_1', object: 'payment_intent' } },
    });
    expect(ignored.status).to.equal(200);
    const foreign = await deliver(api, stripe, {
      id: 'evt_foreign_1',
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: 'cs_foreign',
          object: 'checkout.session',
          payment_status: 'paid',
          payment_intent: 'pi_foreign',
          amount_total: 500,
          currency: 'usd',
          metadata: {},
        },
      },
    });
    expect(foreign.status).to.equal(200);
    expect(stripe.refundsAtStripe().filter((r) => r.params.get('payment_intent') === 'pi_foreign')).to.have.length(0);
  });

  it('refunds at once a payment whose metadata names an event that does not exist', async () => {
    const res = await deliver(api, stripe, {
      id: 'evt_ghost_1',
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: 'cs_ghost',
          object: 'checkout.session',
          payment_status: 'paid',
          payment_intent: 'pi_ghost',
          amount_total: 500,
          currency: 'usd',
          metadata: { eventId: 'ev_does_not_exist', entryId: 'e_x', offerId: 'e_x-o', quantity: '1' },
        },
      },
    });
    expect(res.status).to.equal(200);
    const refunds = stripe.refundsAtStripe().filter((r) => r.params.get('payment_intent') === 'pi_ghost');
    expect(refunds).to.have.length(1);
    expect(refunds[0]!.params.get('reverse_transfer')).to.equal('true');
    expect(refunds[0]!.params.get('refund_application_fee')).to.equal('true');
  });
});
