import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, payOffer, signInBuyers } from '../support/fixtures.js';
import { LiveClient } from './live-client.js';

describe('realtime: pushes to watchers and buyers', () => {
  let url: string;
  let api: Api;
  let seller: { api: Api; token: string; user: any };
  const clients: LiveClient[] = [];
  const connect = async (token?: string) => {
    const client = await LiveClient.connect(url, token);
    clients.push(client);
    return client;
  };

  before(async () => {
    url = (await sharedBackend()).url;
    api = new Api(url);
    seller = await api.signIn('Realtime Seller', 'seller');
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  it('sends the current availability at once when a client watches an event', async () => {
    const event = await createEvent(seller.api, { totalTickets: 7 });
    const watcher = await connect();
    expect(await watcher.watch(event.id)).to.deep.equal({ ok: true });
    const first = await watcher.next('availability');
    expect(first).to.deep.include({ eventId: event.id, total: 7, sold: 0, held: 0, free: 7, waiting: 0, salesOpen: true });
  });

  it('shows a watcher the availability change on join, offer, purchase and cancel', async () => {
    const event = await createEvent(seller.api, { totalTickets: 2, maxPerBuyer: 1 });
    const watcher = await connect();
    await watcher.watch(event.id);
    await watcher.next('availability', (a) => a.free === 2);
    const [first, second, third] = await signInBuyers(api, 3, 'rt-watch');

    // The first two joins take offers for both tickets; the third waits in line.
    await first!.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await watcher.next('availability', (a) => a.held === 1 && a.free === 1);
    await second!.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await third!.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await watcher.next('availability', (a) => a.held === 2 && a.free === 0 && a.waiting === 1);

    await payOffer(first!, event.id);
    await watcher.next('availability', (a) => a.sold === 1 && a.held === 1 && a.waiting === 1);

    const cancelled = await seller.api.post(`/api/events/${event.id}/cancel`, {});
    expect(cancelled.status).to.equal(200);
    const last = await watcher.next('availability', (a) => a.salesOpen === false);
    expect(last).to.include({ eventId: event.id, held: 0 });
  });

  it('shows a buyer their position fall as people ahead leave, then the offer with its deadline', async () => {
    const event = await createEvent(seller.api, { totalTickets: 1, maxPerBuyer: 1, offerWindowSec: 120 });
    const buyers = await signInBuyers(api, 4, 'rt-line');
    const [holder, ahead1, ahead2] = buyers;
    const me = await api.signIn('Waiting Buyer', 'buyer');
    for (const buyer of buyers.slice(0, 3)) await buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    const joined = await me.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    expect(joined.body).to.include({ status: 'waiting', position: 3 });

    const live = await connect(me.token);
    await live.watch(event.id);
    expect(await live.next('entry')).to.include({ id: joined.body.id, status: 'waiting', position: 3 });

    let from = live.mark();
    await ahead1!.delete(`/api/events/${event.id}/queue/me`);
    expect(await live.next('entry', (e) => e.position !== 3, from)).to.include({ status: 'waiting', position: 2, ahead: 1 });

    from = live.mark();
    await ahead2!.delete(`/api/events/${event.id}/queue/me`);
    expect(await live.next('entry', (e) => e.position !== 2, from)).to.include({ status: 'waiting', position: 1, ahead: 0 });

    from = live.mark();
    const gaveBackAt = Date.now();
    await holder!.delete(`/api/events/${event.id}/queue/me`);
    const offered = await live.next('entry', (e) => e.status === 'offered', from);
    expect(offered).to.include({ id: joined.body.id, offeredQuantity: 1 });
    expect(offered).not.to.have.property('position');
    const deadline = Date.parse(offered.offerExpiresAt);
    expect(deadline).to.be.within(gaveBackAt + 110_000, Date.now() + 121_000);
    expect(offered.offerExpiresAt).to.equal((await me.api.get(`/api/events/${event.id}/queue/me`)).body.offerExpiresAt);
  });

  it('pushes the ticket to its buyer when the payment issues it', async () => {
    const event = await createEvent(seller.api, { totalTickets: 3, price: 1800 });
    const buyer = await api.signIn('Ticket Buyer', 'buyer');
    const live = await connect(buyer.token);
    await buyer.api.post(`/api/events/${event.id}/queue`, { quantity: 2 });
    const tickets = await payOffer(buyer.api, event.id);
    const pushed = [await live.next('ticket', (t) => t.id === tickets[0].id), await live.next('ticket', (t) => t.id === tickets[1].id)];
    expect(pushed.map((t) => t.code).sort()).to.deep.equal(tickets.map((t: any) => t.code).sort());
    for (const ticket of pushed) expect(ticket).to.include({ eventId: event.id, userId: buyer.user.id, status: 'valid', amount: 1800, currency: 'usd' });
  });

  it('pushes refund progress to the seller during a cancellation, and the refunded ticket to its buyer', async () => {
    const event = await createEvent(seller.api, { totalTickets: 2, price: 1000 });
    const buyer = await api.signIn('Refunded Buyer', 'buyer');
    await buyer.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    const [ticket] = await payOffer(buyer.api, event.id);
    const sellerLive = await connect(seller.token);
    const buyerLive = await connect(buyer.token);

    await seller.api.post(`/api/events/${event.id}/cancel`, {});
    expect(await sellerLive.next('refunds', (r) => r.eventId === event.id && r.done === r.total)).to.deep.equal({ eventId: event.id, done: 1, total: 1 });
    expect(await buyerLive.next('ticket', (t) => t.id === ticket.id && t.status === 'refunded')).to.include({ eventId: event.id });
    expect(buyerLive.received('refunds'), 'refund progress is the seller’s alone').to.deep.equal([]);
  });

  it('gives a reconnecting client the current availability and entry at once', async () => {
    const event = await createEvent(seller.api, { totalTickets: 1, maxPerBuyer: 1 });
    const [holder, other] = await signInBuyers(api, 2, 'rt-reconnect');
    const me = await api.signIn('Reconnecting Buyer', 'buyer');
    await holder!.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await other!.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await me.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });

    const before = await connect(me.token);
    await before.watch(event.id);
    expect(await before.next('entry')).to.include({ position: 2 });
    before.close();

    // While the buyer is away the line moves; nothing reaches them.
    await other!.delete(`/api/events/${event.id}/queue/me`);

    const again = await connect(me.token);
    await again.watch(event.id);
    expect(again.received('availability')[0]).to.include({ eventId: event.id, waiting: 1, held: 1 });
    expect(again.received('entry')[0]).to.include({ status: 'waiting', position: 1 });
  });

  it('sends a buyer no entries of other buyers, and an anonymous watcher none at all', async () => {
    const event = await createEvent(seller.api, { totalTickets: 1, maxPerBuyer: 1 });
    const [first, second] = await signInBuyers(api, 2, 'rt-private');
    const me = await api.signIn('Private Buyer', 'buyer');
    const mine = await connect(me.token);
    const anonymous = await connect();
    await mine.watch(event.id);
    await anonymous.watch(event.id);
    await first!.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await second!.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await me.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await first!.delete(`/api/events/${event.id}/queue/me`);
    await anonymous.next('availability', (a) => a.waiting === 1);
    await mine.next('entry', (e) => e.position === 1);
    expect(mine.received('entry').every((e) => e.userId === me.user.id)).to.equal(true);
    expect(anonymous.received('entry')).to.deep.equal([]);
  });

  it('stops pushing availability after unwatch', async () => {
    const event = await createEvent(seller.api, { totalTickets: 5 });
    const watcher = await connect();
    await watcher.watch(event.id);
    await watcher.next('availability');
    expect(await watcher.unwatch(event.id)).to.deep.equal({ ok: true });
    const from = watcher.mark();
    const [buyer] = await signInBuyers(api, 1, 'rt-unwatch');
    await buyer!.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    // A second watcher proves the push went out; the first one must not have it.
    const control = await connect();
    await control.watch(event.id);
    await control.next('availability', (a) => a.held === 1);
    await new Promise((r) => setTimeout(r, 400));
    expect(watcher.received('availability', from)).to.deep.equal([]);
  });

  it('answers a malformed or unknown watch with the API error body', async () => {
    const watcher = await connect();
    expect((await watcher.watch('../../etc')).error.code).to.equal('invalid_request');
    expect((await watcher.watch(undefined)).error.code).to.equal('invalid_request');
    expect((await watcher.watch('no_such_event')).error.code).to.equal('not_found');
  });

  it('refuses a socket with a bad, forged or non-string token, with a reason', async () => {
    const { token } = await api.signIn('Forger', 'buyer');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone_else' })).toString('base64url')}.${signature}`;
    for (const bad of ['not-a-token', forged, 42]) {
      const refusal = await LiveClient.refusal(url, bad);
      expect(refusal.message).to.be.a('string').and.not.equal('');
      expect(refusal.data).to.deep.equal({ code: 'unauthenticated' });
    }
  });

  it('speaks WebSocket only: an HTTP long-polling handshake is refused by Socket.IO, not routed to the API', async () => {
    const res = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).to.equal(400);
    expect(await res.json()).to.deep.equal({ code: 0, message: 'Transport unknown' });
  });

  it('coalesces a rush: many joins in a short time give few availability pushes, and the last is exact', async () => {
    const event = await createEvent(seller.api, { totalTickets: 1, maxPerBuyer: 1 });
    const buyers = await signInBuyers(api, 150, 'rt-rush');
    const watcher = await connect();
    await watcher.watch(event.id);
    await watcher.next('availability');
    const from = watcher.mark();
    const started = Date.now();
    await Promise.all(buyers.map((buyer) => buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 })));
    const elapsed = Date.now() - started;
    const last = await watcher.next('availability', (a) => a.waiting === 149, from);
    expect(last).to.include({ held: 1, free: 0 });
    await new Promise((r) => setTimeout(r, 400));
    const pushes = watcher.received('availability', from).length;
    // At most one push per ~300 ms flush while joins arrive, plus the trailing one.
    expect(pushes).to.be.at.most(Math.ceil(elapsed / 250) + 2);
    expect(pushes).to.be.below(150 / 3);
  });
});
