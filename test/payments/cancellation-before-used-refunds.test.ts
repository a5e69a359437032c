import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, eventually, payOffer } from '../support/fixtures.js';
import { buyerWithOffer, myTickets } from './helpers.js';

/**
 * Cancellations that finished before checked-in tickets were refunded too left those guests
 * unrefunded. The next start refunds them, once, and leaves every other refund as it was.
 */
describe('payments: cancellations finished before used tickets were refunded are completed at start-up', function () {
  this.timeout(90_000);
  let backend: Backend;
  after(async () => backend?.stop());

  it("refunds the checked-in ticket such a cancellation left, and no one's twice", async () => {
    const env = { JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' };
    backend = await startBackend({ label: 'old-cancel', env });
    const api = new Api(backend.url);
    const { api: seller } = await api.signIn('Old Cancel Seller', 'seller');
    const event = await createEvent(seller, { totalTickets: 4, price: 1500 });
    const { buyer: guest } = await buyerWithOffer(api, event.id, 1, 'Admitted Guest');
    const [admitted] = await payOffer(guest, event.id);
    const { buyer: other } = await buyerWithOffer(api, event.id, 1, 'Other Guest');
    const [unused] = await payOffer(other, event.id);
    expect((await seller.post(`/api/events/${event.id}/check-in`, { code: admitted.code })).body.result).to.equal('admitted');
    await seller.post(`/api/events/${event.id}/cancel`);
    await eventually(async () => ((await seller.post(`/api/events/${event.id}/cancel`)).body.status === 'cancelled' ? true : undefined), 15_000, 'cancelled');
    await backend.stop();

    // Rewind to what the old rule left behind: the admitted guest's ticket used and never refunded.
    const client = await MongoClient.connect(process.env.QUEUETIX_TEST_MONGODB_URL!);
    try {
      const db = client.db(backend.dbName);
      await db.collection<{ _id: string }>('tickets').updateOne({ _id: admitted.id }, { $set: { status: 'used' }, $unset: { refundedAt: '', refundId: '' } });
      await db.collection('refunds').deleteOne({ ticketIds: admitted.id });
      await db.collection<{ _id: string }>('refund_jobs').updateOne({ _id: event.id }, { $set: { done: 1, total: 1 }, $unset: { usedRefunded: '' } });
    } finally {
      await client.close();
    }

    backend = await startBackend({ label: 'old-cancel-restart', dbName: backend.dbName, env });
    const refunded = await eventually(
      async () => {
        const [ticket] = await myTickets(new Api(backend.url, guest.token));
        return ticket.status === 'refunded' ? ticket : undefined;
      },
      20_000,
      'the admitted guest refunded',
    );
    expect(refunded.id).to.equal(admitted.id);
    const done = await eventually(
      async () => {
        const res = await new Api(backend.url, seller.token).post(`/api/events/${event.id}/cancel`);
        return res.body.status === 'cancelled' ? res.body : undefined;
      },
      10_000,
      'the job finished again',
    );
    expect(done.refunds).to.deep.equal({ done: 2, total: 2 });
    const client2 = await MongoClient.connect(process.env.QUEUETIX_TEST_MONGODB_URL!);
    try {
      const refunds = await client2.db(backend.dbName).collection('refunds').find({ eventId: event.id }).toArray();
      expect(
        refunds
          .map((r) => r.ticketIds)
          .flat()
          .sort(),
      ).to.deep.equal([admitted.id, unused.id].sort());
    } finally {
      await client2.close();
    }
  });
});
