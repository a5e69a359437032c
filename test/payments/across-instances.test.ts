import { expect } from 'chai';
import { currentLease, startCluster, statusOf, withDb } from '../cluster/cluster-support.js';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { eventually } from '../support/fixtures.js';
import { startStripeMock, type StripeMock } from '../support/stripe-mock.js';
import { buyerWithOffer, connectedSeller, createEvent, READY_ACCOUNT } from './helpers.js';

interface SessionView {
  _id: string;
  sessionId: string;
  status: string;
}

const isSessionCreate = (r: { method: string; path: string }) => r.method === 'POST' && r.path === '/v1/checkout/sessions';

/**
 * Checkout when the event's actor runs on another instance: the buyer's offer is read by named read
 * (forwarded to the owner), and a read that cannot be answered is a 503, never "your offer expired".
 */
describe('payments: checkout across instances (two backends, one database, one Redis)', function () {
  this.timeout(180_000);
  let stripe: StripeMock;
  // A is the owner of every event here (they are created through it); B is the other instance.
  let a: Backend;
  let b: Backend;
  const extra: Backend[] = [];
  let seller: Api;

  before(async () => {
    stripe = await startStripeMock();
    stripe.setAccountDefaults(READY_ACCOUNT);
    // A lease long enough that a dead owner's events stay its own (unreachable) while a test looks.
    [a, b] = (await startCluster(2, 'pay-xinst', { ...stripe.env, PUBLIC_URL: 'http://shop.example.test', LEASE_MS: '8000' })) as [Backend, Backend];
    ({ seller } = await connectedSeller(new Api(a.url), 'Cross Seller'));
  });
  after(async () => {
    await Promise.all([a, b, ...extra].map((n) => n?.stop()));
    await stripe?.stop();
  });

  async function eventOwnedByA(): Promise<any> {
    const event = await createEvent(seller, { price: 1500, totalTickets: 5, offerWindowSec: 600 });
    expect((await currentLease(a.dbName, event.id))?.owner).to.equal((await statusOf(a)).instanceId);
    return event;
  }
  const sessionOf = (offerId: string) => withDb(a.dbName, (db) => db.collection<SessionView>('checkout_sessions').findOne({ _id: offerId }));

  it("expires, from an instance that does not run the event, a session whose offer ended while it missed the offer's end", async () => {
    const event = await eventOwnedByA();
    const { buyer, entry } = await buyerWithOffer(new Api(a.url), event.id, 1, 'Buyer Who Leaves');
    const started = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' });
    expect(started.status, JSON.stringify(started.body)).to.equal(200);
    expect((await buyer.delete(`/api/events/${event.id}/queue/me`)).status).to.equal(200);
    await eventually(async () => ((await sessionOf(entry.offerId))?.status === 'expired' ? true : undefined), 10_000, 'the session expired at offer end');

    // As if expiring it had failed at the offer's end (Stripe unreachable): open, offer gone.
    await withDb(a.dbName, (db) =>
      db.collection<SessionView>('checkout_sessions').updateOne({ _id: entry.offerId }, { $set: { status: 'open' }, $unset: { expiredAt: '' } }),
    );
    const expiresBefore = stripe.acted('POST', `/v1/checkout/sessions/${started.body.sessionId}/expire`).length;

    // A third instance starts: its start-up sweep checks every open session against its event's actor, which A runs.
    extra.push(await startBackend({ label: 'pay-xinst-late', dbName: a.dbName, env: a.env }));
    await eventually(
      async () => ((await sessionOf(entry.offerId))?.status === 'expired' ? true : undefined),
      20_000,
      'the late instance to expire the session',
    );
    expect(stripe.acted('POST', `/v1/checkout/sessions/${started.body.sessionId}/expire`).length).to.equal(expiresBefore + 1);
    await extra.pop()!.stop(); // the tests below take events over from A to B
  });

  /**
   * Checkout on A (which runs the event) while Stripe's answer is held; meanwhile A freezes, its lease
   * runs out and B takes the event over; A wakes and drops its actor. Then Stripe answers and A
   * checks the offer again: only a named read (forwarded to B) can answer that now.
   */
  async function checkoutAcrossTakeOver(name: string, beforeStripeAnswers: () => Promise<void> = async () => undefined) {
    const event = await eventOwnedByA();
    const { buyer, entry } = await buyerWithOffer(new Api(a.url), event.id, 1, name);
    const reached = stripe.holdResponses(isSessionCreate);
    const pending = buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' });
    await reached;

    a.process.kill('SIGSTOP');
    try {
      const bId = (await statusOf(b)).instanceId;
      await eventually(async () => ((await currentLease(a.dbName, event.id))?.owner === bId ? true : undefined), 30_000, 'B to take the event over');
    } finally {
      a.process.kill('SIGCONT');
    }
    await eventually(async () => ((await statusOf(a)).leases.some((l) => l.eventId === event.id) ? undefined : true), 10_000, 'A to let the event go');
    await beforeStripeAnswers();
    stripe.releaseHolds(); // the SDK retries with the same idempotency key and gets Stripe's first answer
    return { res: await pending, entry };
  }

  it('starts checkout when the event moved to another instance while Stripe was answering (not offer_expired)', async () => {
    const { res, entry } = await checkoutAcrossTakeOver('Buyer Across Take-over');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const stored = await sessionOf(entry.offerId);
    expect(stored).to.include({ sessionId: res.body.sessionId, status: 'open' });
    expect(stripe.acted('POST', `/v1/checkout/sessions/${res.body.sessionId}/expire`)).to.have.length(0);
  });

  it('answers 503 (not offer_expired) and keeps the session when the instance running the event cannot be asked', async () => {
    // B took the event over and dies before A asks it whether the offer is still live.
    const { res, entry } = await checkoutAcrossTakeOver('Buyer When B Dies', () => b.kill());
    expect(res.status, JSON.stringify(res.body)).to.equal(503);
    expect(res.body.error.code).to.equal('unavailable');
    // The offer may well be live: the session stays, and starting again (once the event is served) returns it.
    const stored = await sessionOf(entry.offerId);
    expect(stored?.status).to.equal('open');
    expect(stripe.acted('POST', `/v1/checkout/sessions/${stored!.sessionId}/expire`)).to.have.length(0);
  });
});
