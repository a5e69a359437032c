import { expect } from 'chai';
import { CheckoutSessionState } from '@queuetix/contracts/payments';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventually } from '../support/fixtures.js';
import { buyerWithOffer } from './helpers.js';

describe("payments: the state of the buyer's own checkout session (the page they come back to)", () => {
  let api: Api;
  let seller: Api;
  before(async () => {
    api = new Api((await sharedBackend()).url);
    ({ api: seller } = await api.signIn('Session Seller', 'seller'));
  });

  const state = async (buyer: Api, sessionId: string) => {
    const res = await buyer.get(`/api/checkout/sessions/${sessionId}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return CheckoutSessionState.parse(res.body);
  };

  it('says pending until the payment is confirmed, then paid with exactly its tickets', async () => {
    const event = await createEvent(seller, { name: 'Session Night', price: 1200, totalTickets: 5 });
    const { buyer } = await buyerWithOffer(api, event.id, 2);
    const { sessionId } = (await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' })).body;
    expect(await state(buyer, sessionId)).to.deep.include({
      status: 'pending',
      eventId: event.id,
      eventName: 'Session Night',
      quantity: 2,
      amount: 2400,
      tickets: [],
    });
    const paid = (await buyer.post(`/api/demo-checkout/${sessionId}/complete`)).body.tickets;
    const after = await state(buyer, sessionId);
    expect(after.status).to.equal('paid');
    expect(after.tickets.map((t) => t.id)).to.deep.equal(paid.map((t: { id: string }) => t.id));
  });

  it('says paid for a free order, which never had a payment page', async () => {
    const event = await createEvent(seller, { name: 'Free Night', price: 0, totalTickets: 5 });
    const { buyer } = await buyerWithOffer(api, event.id, 2);
    const { sessionId } = (await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' })).body;
    const free = await state(buyer, sessionId);
    expect(free).to.deep.include({ status: 'paid', eventId: event.id, eventName: 'Free Night', quantity: 2, amount: 0 });
    expect(free.tickets).to.have.length(2);
    const { api: stranger } = await api.signIn('Free Stranger');
    expect((await stranger.get(`/api/checkout/sessions/${sessionId}`)).status).to.equal(404);
  });

  it('says expired for a session that ended unpaid (the buyer left the line)', async () => {
    const event = await createEvent(seller, { totalTickets: 5 });
    const { buyer } = await buyerWithOffer(api, event.id, 1);
    const { sessionId } = (await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' })).body;
    expect((await buyer.delete(`/api/events/${event.id}/queue/me`)).status).to.equal(200);
    const ended = await eventually(
      async () => {
        const s = await state(buyer, sessionId);
        return s.status === 'expired' ? s : undefined;
      },
      10_000,
      'the session to expire',
    );
    expect(ended.tickets).to.deep.equal([]);
  });

  it("answers 404 for an unknown session and for someone else's, alike", async () => {
    const event = await createEvent(seller, { totalTickets: 5 });
    const { buyer } = await buyerWithOffer(api, event.id, 1);
    const { sessionId } = (await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' })).body;
    await buyer.post(`/api/demo-checkout/${sessionId}/complete`);
    const { api: stranger } = await api.signIn('Session Stranger');
    const theirs = await stranger.get(`/api/checkout/sessions/${sessionId}`);
    const unknown = await stranger.get('/api/checkout/sessions/cs_anything_at_all');
    expect(theirs.status).to.equal(404);
    expect(unknown.status).to.equal(404);
    expect(theirs.body.error.code).to.equal(unknown.body.error.code);
    expect((await api.get(`/api/checkout/sessions/${sessionId}`)).status).to.equal(401);
    expect((await buyer.get('/api/checkout/sessions/not%20an%20id')).status).to.equal(400);
  });
});
