import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventually } from '../support/fixtures.js';
import { buyerWithOffer, myTickets } from './helpers.js';

describe('payments: demo payment mode (no Stripe keys)', () => {
  let api: Api;
  let seller: Api;
  /** PUBLIC_URL is unset on the shared backend: links are built on the address it listens on. */
  let base: string;
  before(async () => {
    base = (await sharedBackend()).url;
    api = new Api(base);
    ({ api: seller } = await api.signIn('Demo Seller', 'seller'));
  });

  it('sells a ticket end to end: sign in, join, offer, checkout on the demo page, pay, ticket', async () => {
    const event = await createEvent(seller, { name: 'Demo Night', price: 2550, totalTickets: 5 });
    const { buyer, entry, userId } = await buyerWithOffer(api, event.id, 2);

    const checkout = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' });
    expect(checkout.status).to.equal(200);
    expect(checkout.body.url).to.equal(`${base}/demo-checkout/${checkout.body.sessionId}`);

    const page = await buyer.get(`/api/demo-checkout/${checkout.body.sessionId}`);
    expect(page.status).to.equal(200);
    expect(page.body).to.include({ eventId: event.id, eventName: 'Demo Night', quantity: 2, amount: 5100, currency: 'usd', status: 'open' });
    expect(page.body.expiresAt).to.equal(entry.offerExpiresAt);
    expect(page.body.successUrl).to.equal(`${base}/checkout/success?session_id=${checkout.body.sessionId}&event=${event.id}`);
    expect(page.body.cancelUrl).to.equal(`${base}/checkout/cancel?event=${event.id}`);

    const paid = await buyer.post(`/api/demo-checkout/${checkout.body.sessionId}/complete`);
    expect(paid.status).to.equal(200);
    expect(paid.body.tickets).to.have.length(2);
    for (const ticket of paid.body.tickets) {
      expect(ticket).to.include({ eventId: event.id, userId, status: 'valid', currency: 'usd' });
      // 80 random bits in Crockford base32: unguessable at the door, and easy to type.
      expect(ticket.code).to.match(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    }
    // The amount actually paid, split over the tickets so each can be refunded alone.
    expect(paid.body.tickets.map((t: any) => t.amount).sort()).to.deep.equal([2550, 2550]);

    const me = await buyer.get(`/api/events/${event.id}/queue/me`);
    expect(me.body.status).to.equal('purchased');
    expect((await myTickets(buyer)).map((t) => t.id).sort()).to.deep.equal(paid.body.tickets.map((t: any) => t.id).sort());
    expect((await buyer.get(`/api/demo-checkout/${checkout.body.sessionId}`)).body.status).to.equal('complete');
  });

  it('issues tickets once when the demo payment is confirmed twice (double click, retry)', async () => {
    const event = await createEvent(seller, { totalTickets: 3 });
    const { buyer } = await buyerWithOffer(api, event.id, 1);
    const { body } = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' });
    const [first, second] = await Promise.all([
      buyer.post(`/api/demo-checkout/${body.sessionId}/complete`),
      buyer.post(`/api/demo-checkout/${body.sessionId}/complete`),
    ]);
    const third = await buyer.post(`/api/demo-checkout/${body.sessionId}/complete`);
    for (const res of [first, second, third]) expect(res.status).to.equal(200);
    expect(first.body.tickets.map((t: any) => t.id)).to.deep.equal(third.body.tickets.map((t: any) => t.id));
    expect(await myTickets(buyer)).to.have.length(1);
    expect((await api.get(`/api/events/${event.id}/availability`)).body).to.include({ sold: 1, held: 0 });
  });

  it('returns the same open session when checkout is started twice for one offer', async () => {
    const event = await createEvent(seller, { totalTickets: 3 });
    const { buyer } = await buyerWithOffer(api, event.id, 1);
    const [a, b] = await Promise.all([
      buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' }),
      buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' }),
    ]);
    const c = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'popup' });
    expect(a.status).to.equal(200);
    expect(b.body).to.deep.equal(a.body);
    expect(c.body).to.deep.equal(a.body);
  });

  it('points the popup flow back at /embed/checkout-done', async () => {
    const event = await createEvent(seller, { totalTickets: 3 });
    const { buyer } = await buyerWithOffer(api, event.id, 1);
    const { body } = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'popup' });
    const page = await buyer.get(`/api/demo-checkout/${body.sessionId}`);
    expect(page.body.successUrl).to.equal(`${base}/embed/checkout-done?status=success&session_id=${body.sessionId}`);
    expect(page.body.cancelUrl).to.equal(`${base}/embed/checkout-done?status=cancel`);
  });

  it('refuses checkout without a live offer (offer_expired), and to anyone but its buyer', async () => {
    const event = await createEvent(seller, { totalTickets: 1 });
    const { buyer } = await buyerWithOffer(api, event.id, 1, 'First');
    const { api: second } = await api.signIn('Second', 'buyer');
    await second.post(`/api/events/${event.id}/queue`, { quantity: 1 });

    const notOffered = await second.post(`/api/events/${event.id}/checkout`, { flow: 'site' });
    expect(notOffered.status).to.equal(409);
    expect(notOffered.body.error.code).to.equal('offer_expired');
    const { api: stranger } = await api.signIn('Stranger', 'buyer');
    expect((await stranger.post(`/api/events/${event.id}/checkout`)).body.error.code).to.equal('offer_expired');
    expect((await api.post(`/api/events/${event.id}/checkout`)).status).to.equal(401);

    const { body } = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' });
    expect((await stranger.get(`/api/demo-checkout/${body.sessionId}`)).status).to.equal(403);
    const stolen = await stranger.post(`/api/demo-checkout/${body.sessionId}/complete`);
    expect(stolen.status).to.equal(403);
    expect(await myTickets(stranger)).to.have.length(0);
    expect((await buyer.get(`/api/demo-checkout/cs_demo_nope`)).status).to.equal(404);
  });

  it('expires the demo session when the buyer gives the offer back, and then refuses to take payment', async () => {
    const event = await createEvent(seller, { totalTickets: 1 });
    const { buyer } = await buyerWithOffer(api, event.id, 1);
    const { body } = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' });
    expect((await buyer.delete(`/api/events/${event.id}/queue/me`)).body.status).to.equal('left');

    await eventually(
      async () => ((await buyer.get(`/api/demo-checkout/${body.sessionId}`)).body.status === 'expired' ? true : undefined),
      5_000,
      'session expired',
    );
    const late = await buyer.post(`/api/demo-checkout/${body.sessionId}/complete`);
    expect(late.status).to.equal(409);
    expect(late.body.error.code).to.equal('offer_expired');
    expect(await myTickets(buyer)).to.have.length(0);
    expect((await api.get(`/api/events/${event.id}/availability`)).body).to.include({ sold: 0, free: 1 });
  });

  it("issues a free event's tickets at checkout without any payment page", async () => {
    const event = await createEvent(seller, { price: 0, totalTickets: 2 });
    const { buyer } = await buyerWithOffer(api, event.id, 1);
    const checkout = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' });
    expect(checkout.status).to.equal(200);
    expect(checkout.body.url).to.match(/\/checkout\/success\?session_id=free_/);
    const tickets = await myTickets(buyer);
    expect(tickets).to.have.length(1);
    expect(tickets[0]).to.include({ amount: 0, status: 'valid' });
  });

  it('marks the seller ready at once in demo onboarding', async () => {
    const { api: newSeller, user } = await api.signIn('Fresh Seller', 'buyer');
    const before = await newSeller.get('/api/seller/stripe/status');
    expect(before.body).to.deep.equal({ accountId: null, detailsSubmitted: false, chargesEnabled: false, payoutsEnabled: false });

    const account = await newSeller.post('/api/seller/stripe/account');
    expect(account.body).to.deep.equal({ accountId: `acct_demo_${user.id}` });
    expect((await newSeller.get('/api/me')).body.user).to.include({ role: 'seller', stripeConnectId: `acct_demo_${user.id}` });
    const link = await newSeller.post('/api/seller/stripe/account-link');
    expect(link.body.url).to.equal(`${base}/seller/onboarding/return`);
    const status = await newSeller.get('/api/seller/stripe/status');
    expect(status.body).to.deep.equal({ accountId: `acct_demo_${user.id}`, detailsSubmitted: true, chargesEnabled: true, payoutsEnabled: true });
  });

  it('has no demo checkout for real payments and no webhook secret to verify with', async () => {
    const res = await api.request('POST', '/api/webhooks/stripe', '{"id":"evt_1"}', { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=abc' });
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('invalid_request');
  });
});
