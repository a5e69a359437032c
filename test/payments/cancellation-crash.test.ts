import { expect } from 'chai';
import { Api } from '../support/api.js';
import { type Backend } from '../support/backend.js';
import { eventually } from '../support/fixtures.js';
import { startStripeMock, type StripeMock } from '../support/stripe-mock.js';
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
 * The owner cancels a sold event; the server is killed (SIGKILL) right after Stripe made one of
 * the refunds but before the server heard back. On restart the job resumes where it stopped and
 * no payment is refunded twice at Stripe.
 */
describe('payments: cancellation refunds survive a crash half-way', function () {
  this.timeout(120_000);
  let stripe: StripeMock;
  let backend: Backend;
  let restarted: Backend | undefined;

  before(async () => {
    stripe = await startStripeMock();
    stripe.setAccountDefaults(READY_ACCOUNT);
    backend = await startStripeBackend(stripe, { label: 'cancel-crash' });
  });
  after(async () => {
    await restarted?.stop();
    await backend?.stop();
    await stripe?.stop();
  });

  it('stops sales at once, refunds every valid ticket in full once, resumes after SIGKILL, and reports done/total', async () => {
    const api = newApi(backend);
    const { seller } = await connectedSeller(api, 'Cancelling Seller');
    const event = await createEvent(seller, { totalTickets: 10, price: 1000, maxPerBuyer: 4 });

    // Four payments, seven tickets.
    const payments: { buyer: Api; paymentIntent: string; quantity: number }[] = [];
    for (const [i, quantity] of [1, 2, 3, 1].entries()) {
      const { buyer } = await buyerWithOffer(api, event.id, quantity, `Paid buyer ${i}`);
      const { body } = await buyer.post(`/api/events/${event.id}/checkout`);
      const paid = sessionCompletedEvent(stripe, body.sessionId);
      expect((await deliver(api, stripe, paid)).status).to.equal(200);
      payments.push({ buyer, paymentIntent: paymentIntentOf(paid), quantity });
    }
    // One buyer holds an offer for the last three tickets, another waits behind.
    const offered = await buyerWithOffer(api, event.id, 3, 'Offered buyer');
    const openSession = (await offered.buyer.post(`/api/events/${event.id}/checkout`)).body.sessionId;
    const waiting = await waitingBuyer(api, event.id, 1, 'Waiting buyer');

    // Stripe makes the first two refunds normally; it makes the third but its answer never arrives.
    const thirdRefundMade = stripe.holdResponses((r) => r.path === '/v1/refunds', { skip: 2 });
    const other = await api.signIn('Not the owner', 'seller');
    expect((await other.api.post(`/api/events/${event.id}/cancel`)).status).to.equal(403);
    expect((await offered.buyer.post(`/api/events/${event.id}/cancel`)).status).to.equal(403);

    const cancel = await seller.post(`/api/events/${event.id}/cancel`);
    expect(cancel.status).to.equal(200);
    expect(cancel.body.status).to.equal('cancelling');
    expect(cancel.body.refunds.total).to.equal(7);

    // Sales and offers stopped at once.
    expect((await api.get(`/api/events/${event.id}`)).body.isCancelled).to.equal(true);
    expect((await api.get(`/api/events/${event.id}/availability`)).body.salesOpen).to.equal(false);
    expect((await offered.buyer.post(`/api/events/${event.id}/checkout`)).body.error.code).to.equal('offer_expired');
    expect((await waiting.buyer.get(`/api/events/${event.id}/queue/me`)).body).to.include({ status: 'left' });
    const { api: latecomer } = await api.signIn('Latecomer', 'buyer');
    expect((await latecomer.post(`/api/events/${event.id}/queue`, { quantity: 1 })).status).to.equal(409);
    await eventually(
      async () => (stripe.acted('POST', `/v1/checkout/sessions/${openSession}/expire`).length ? true : undefined),
      5_000,
      'open session expired',
    );

    await thirdRefundMade;
    await backend.kill();
    stripe.releaseHolds();
    expect(stripe.refundsAtStripe()).to.have.length(3);

    restarted = await startStripeBackend(stripe, { dbName: backend.dbName, label: 'cancel-crash-restarted' });
    const again = new Api(restarted.url, seller.token);
    const done = await eventually(
      async () => {
        const res = await again.post(`/api/events/${event.id}/cancel`);
        return res.body.status === 'cancelled' ? res.body : undefined;
      },
      30_000,
      'the refund job to finish after restart',
    );
    expect(done).to.deep.equal({ status: 'cancelled', refunds: { done: 7, total: 7 } });

    // Exactly one refund per payment at Stripe; the one cut off by the crash was retried with its key.
    const refunds = stripe.refundsAtStripe();
    expect(refunds).to.have.length(4);
    const retried = stripe.requests.filter((r) => r.path === '/v1/refunds' && r.replayed);
    expect(retried.length).to.be.at.least(1);
    for (const { buyer, paymentIntent, quantity } of payments) {
      const mine = refunds.filter((r) => r.params.get('payment_intent') === paymentIntent);
      expect(mine, paymentIntent).to.have.length(1);
      expect(Object.fromEntries(mine[0]!.params)).to.include({ amount: String(quantity * 1000), reverse_transfer: 'true', refund_application_fee: 'true' });
      const tickets = await myTickets(new Api(restarted.url, buyer.token));
      expect(tickets.map((t) => t.status)).to.deep.equal(Array(quantity).fill('refunded'));
    }
    const keys = new Set(stripe.requests.filter((r) => r.path === '/v1/refunds').map((r) => r.idempotencyKey));
    expect(keys.size).to.equal(4);

    const sales = await again.get(`/api/seller/events/${event.id}/sales`);
    expect(sales.body).to.include({ sold: 0, refunded: 7, gross: 0, fee: 0, net: 0 });

    // The offered buyer had paid just before the cancel; Stripe's webhook lands now: refunded at once, told why.
    const latePayment = sessionCompletedEvent(stripe, openSession);
    expect((await deliver(new Api(restarted.url), stripe, latePayment)).status).to.equal(200);
    const lateRefund = stripe.refundsAtStripe().filter((r) => r.params.get('payment_intent') === paymentIntentOf(latePayment));
    expect(lateRefund).to.have.length(1);
    expect(lateRefund[0]!.idempotencyKey).to.equal(`refund-payment-${paymentIntentOf(latePayment)}`);
    const offeredBuyer = new Api(restarted.url, offered.buyer.token);
    expect(await myTickets(offeredBuyer)).to.have.length(0);
    expect((await offeredBuyer.get(`/api/events/${event.id}/queue/me`)).body.outcome).to.match(/cancelled before your payment arrived/);
  });
});
