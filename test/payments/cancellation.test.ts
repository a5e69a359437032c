import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventually, payOffer } from '../support/fixtures.js';
import { LiveClient } from '../realtime/live-client.js';
import { buyerWithOffer, myTickets } from './helpers.js';

describe('payments: cancelling an event refunds every paid ticket, used or not (demo mode)', () => {
  let api: Api;
  let seller: Api;
  let sellerToken: string;
  before(async () => {
    api = new Api((await sharedBackend()).url);
    ({ api: seller, token: sellerToken } = await api.signIn('Cancel Seller', 'seller'));
  });

  it('pushes refund progress to the seller until done, and answers it to a repeated cancel', async () => {
    const event = await createEvent(seller, { totalTickets: 8, price: 1500 });
    const buyers: Api[] = [];
    for (const quantity of [2, 1, 3]) {
      const { buyer } = await buyerWithOffer(api, event.id, quantity);
      await payOffer(buyer, event.id);
      buyers.push(buyer);
    }
    const live = await LiveClient.connect(api.baseUrl, sellerToken);
    try {
      const first = await seller.post(`/api/events/${event.id}/cancel`);
      expect(first.status).to.equal(200);
      expect(first.body.refunds.total).to.equal(6);
      const last = await live.next('refunds', (m) => m.eventId === event.id && m.done === 6);
      expect(last).to.deep.equal({ eventId: event.id, done: 6, total: 6 });
      const progress = live
        .received('refunds')
        .filter((m) => m.eventId === event.id)
        .map((m) => m.done);
      expect(progress).to.deep.equal([...progress].sort((a, b) => a - b));
    } finally {
      live.socket.close();
    }
    const done = await eventually(
      async () => {
        const res = await seller.post(`/api/events/${event.id}/cancel`);
        return res.body.status === 'cancelled' ? res.body : undefined;
      },
      10_000,
      'cancelled',
    );
    expect(done).to.deep.equal({ status: 'cancelled', refunds: { done: 6, total: 6 } });
    for (const buyer of buyers) for (const ticket of await myTickets(buyer)) expect(ticket.status).to.equal('refunded');
    expect((await api.get(`/api/events/${event.id}`)).body.isCancelled).to.equal(true);
  });

  it('refunds a ticket already checked in, after naming it in the cancellation preview', async () => {
    const event = await createEvent(seller, { totalTickets: 4, price: 1500, currency: 'eur' });
    const { buyer } = await buyerWithOffer(api, event.id, 2);
    const [used, unused] = await payOffer(buyer, event.id);
    const scan = await seller.post(`/api/events/${event.id}/check-in`, { code: used.code });
    expect(scan.body.result).to.equal('admitted');

    const before = await seller.get(`/api/seller/events/${event.id}/sales`);
    expect(before.body.cancellation).to.deep.equal({ tickets: 2, refunds: 1, amount: 3000, currency: 'eur' });

    const first = await seller.post(`/api/events/${event.id}/cancel`);
    expect(first.body.refunds.total).to.equal(2);
    await eventually(async () => ((await seller.post(`/api/events/${event.id}/cancel`)).body.status === 'cancelled' ? true : undefined), 10_000, 'cancelled');
    const statuses = Object.fromEntries((await myTickets(buyer)).map((t) => [t.id, t.status]));
    expect(statuses).to.deep.equal({ [used.id]: 'refunded', [unused.id]: 'refunded' });

    const after = await seller.get(`/api/seller/events/${event.id}/sales`);
    expect(after.body).to.include({ sold: 0, refunded: 2, gross: 0 });
    expect(after.body.cancellation).to.deep.equal({ tickets: 0, refunds: 0, amount: 0, currency: 'eur' });
    expect((await seller.post(`/api/events/${event.id}/check-in`, { code: used.code })).body.result).to.equal('refunded');
  });

  it('answers cancelled at once when nothing was sold', async () => {
    const event = await createEvent(seller, { totalTickets: 3 });
    const res = await seller.post(`/api/events/${event.id}/cancel`);
    expect(res.body).to.deep.equal({ status: 'cancelled', refunds: { done: 0, total: 0 } });
  });

  it('lets only the owner cancel', async () => {
    const event = await createEvent(seller, { totalTickets: 3 });
    const { api: someone } = await api.signIn('Someone', 'seller');
    expect((await someone.post(`/api/events/${event.id}/cancel`)).status).to.equal(403);
    expect((await api.post(`/api/events/${event.id}/cancel`)).status).to.equal(401);
    expect((await seller.post('/api/events/ev_missing/cancel')).status).to.equal(404);
    expect((await api.get(`/api/events/${event.id}`)).body.isCancelled).to.equal(false);
  });
});
