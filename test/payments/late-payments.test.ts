import { expect } from 'chai';
import type { Api } from '../support/api.js';
import type { Backend } from '../support/backend.js';
import { eventually } from '../support/fixtures.js';
import { startStripeMock, type StripeMock } from '../support/stripe-mock.js';
import { expectMessages } from '../mail/helpers.js';
import { message, uniqueAddress } from '../mail/mailpit-client.js';
import {
  buyerWithOffer,
  connectedSeller,
  createEvent,
  deliver,
  myTickets,
  newApi,
  paymentIntentOf,
  READY_ACCOUNT,
  sessionCompletedEvent,
  startStripeBackend,
  waitingBuyer,
} from './helpers.js';

/**
 * A payment that completes after its offer expired (the buyer paid just as the window closed, or
 * our expire call lost the race). Offers last at least 60 s, so this file waits for one real expiry,
 * shared by both cases.
 */
describe('payments: a payment that arrives after its offer expired', function () {
  this.timeout(180_000);
  let stripe: StripeMock;
  let backend: Backend;
  let api: Api;
  const free: { event?: any; buyer?: Api; sessionId?: string } = {};
  const gone: { event?: any; late?: Api; sessionId?: string; next?: Api } = {};
  const lateAddress = uniqueAddress('late-payer');

  before(async () => {
    stripe = await startStripeMock();
    stripe.setAccountDefaults(READY_ACCOUNT);
    backend = await startStripeBackend(stripe, { label: 'late-payments' });
    api = newApi(backend);
    const { seller } = await connectedSeller(api, 'Late Seller');

    // Tickets still free at payment time: nobody else wants them.
    free.event = await createEvent(seller, { totalTickets: 2, offerWindowSec: 60, price: 4000 });
    free.buyer = (await buyerWithOffer(api, free.event.id, 1, 'Slow but lucky')).buyer;
    free.sessionId = (await free.buyer.post(`/api/events/${free.event.id}/checkout`)).body.sessionId;

    // Tickets gone at payment time: the next buyer got them and paid first.
    gone.event = await createEvent(seller, { totalTickets: 1, offerWindowSec: 60, price: 4000 });
    gone.late = (await buyerWithOffer(api, gone.event.id, 1, 'Slow and unlucky')).buyer;
    expect((await gone.late.request('PUT', '/api/me/email', { email: lateAddress })).status).to.equal(200);
    gone.sessionId = (await gone.late.post(`/api/events/${gone.event.id}/checkout`)).body.sessionId;
    gone.next = (await waitingBuyer(api, gone.event.id, 1, 'Next in line')).buyer;

    const expired = async (buyer: Api, eventId: string) => ((await buyer.get(`/api/events/${eventId}/queue/me`)).body.status === 'expired' ? true : undefined);
    await eventually(() => expired(free.buyer!, free.event.id), 120_000, 'first offer to expire');
    await eventually(() => expired(gone.late!, gone.event.id), 120_000, 'second offer to expire');
  });
  after(async () => {
    await backend?.stop();
    await stripe?.stop();
  });

  it('expires both Checkout Sessions through the Stripe API when the offers expire', async () => {
    for (const sessionId of [free.sessionId, gone.sessionId]) {
      await eventually(async () => (stripe.acted('POST', `/v1/checkout/sessions/${sessionId}/expire`).length === 1 ? true : undefined), 10_000, 'expire call');
    }
  });

  it('honours the payment when the tickets are still free, and tells the buyer', async () => {
    const paid = sessionCompletedEvent(stripe, free.sessionId!);
    expect((await deliver(api, stripe, paid)).status).to.equal(200);
    const tickets = await myTickets(free.buyer!);
    expect(tickets).to.have.length(1);
    expect(tickets[0]).to.include({ status: 'valid', amount: 4000 });
    const entry = (await free.buyer!.get(`/api/events/${free.event.id}/queue/me`)).body;
    expect(entry.status).to.equal('purchased');
    expect(entry.outcome).to.match(/after your offer ended, but the tickets were still free/);
    expect(stripe.refundsAtStripe().filter((r) => r.params.get('payment_intent') === paymentIntentOf(paid))).to.have.length(0);
    expect((await api.get(`/api/events/${free.event.id}/availability`)).body).to.include({ sold: 1, total: 2 });
  });

  it('refunds the payment at once, in full with the fee and transfer reversed, when the tickets are gone', async () => {
    const next = await eventually(
      async () => {
        const me = (await gone.next!.get(`/api/events/${gone.event.id}/queue/me`)).body;
        return me.status === 'offered' ? me : undefined;
      },
      10_000,
      'the next buyer to be offered',
    );
    expect(next.status).to.equal('offered');
    const nextSession = (await gone.next!.post(`/api/events/${gone.event.id}/checkout`)).body.sessionId;
    expect((await deliver(api, stripe, sessionCompletedEvent(stripe, nextSession))).status).to.equal(200);
    expect(await myTickets(gone.next!)).to.have.length(1);

    const late = sessionCompletedEvent(stripe, gone.sessionId!);
    const answer = await deliver(api, stripe, late);
    expect(answer.status).to.equal(200);
    const refunds = stripe.refundsAtStripe().filter((r) => r.params.get('payment_intent') === paymentIntentOf(late));
    expect(refunds).to.have.length(1);
    expect(refunds[0]!.idempotencyKey).to.equal(`refund-payment-${paymentIntentOf(late)}`);
    expect(Object.fromEntries(refunds[0]!.params)).to.include({ reverse_transfer: 'true', refund_application_fee: 'true' });
    // Full refund: no amount, so Stripe refunds everything captured.
    expect(refunds[0]!.params.has('amount')).to.equal(false);

    expect(await myTickets(gone.late!)).to.have.length(0);
    const entry = (await gone.late!.get(`/api/events/${gone.event.id}/queue/me`)).body;
    expect(entry.status).to.equal('expired');
    expect(entry.outcome).to.match(/tickets were gone; it is refunded in full/);
    expect((await api.get(`/api/events/${gone.event.id}/availability`)).body).to.include({ sold: 1, total: 1 });

    // Stripe retrying the same event, or reporting the payment again, never refunds twice.
    await deliver(api, stripe, late);
    await deliver(api, stripe, { ...late, id: `${late.id}_again` });
    expect(stripe.refundsAtStripe().filter((r) => r.params.get('payment_intent') === paymentIntentOf(late))).to.have.length(1);

    // The buyer is told by email, once, with the amount and why.
    const [notice] = await expectMessages(lateAddress, 1);
    expect(notice!.Subject).to.match(/^Refund of US\$40\.00: /);
    expect((await message(notice!.ID)).Text).to.include('the tickets were gone by the time your payment arrived');
  });
});
