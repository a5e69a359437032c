import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend, startBackend } from '../support/backend.js';
import { createEvent, signInBuyers } from '../support/fixtures.js';

describe('queue: joining, leaving and positions over HTTP', () => {
  let api: Api;
  let seller: Api;
  before(async () => {
    api = new Api((await sharedBackend()).url);
    seller = (await api.signIn('Queue Seller', 'seller')).api;
  });

  it('keeps FIFO order: positions follow join order', async () => {
    const event = await createEvent(seller, { totalTickets: 1, maxPerBuyer: 1 });
    const buyers = await signInBuyers(api, 6, 'fifo');
    const entries = [];
    for (const buyer of buyers) entries.push((await buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 })).body);
    expect(entries[0].status).to.equal('offered');
    expect(entries.slice(1).map((e) => e.position)).to.deep.equal([1, 2, 3, 4, 5]);
    const last = await buyers[5]!.get(`/api/events/${event.id}/queue/me`);
    expect(last.body).to.include({ status: 'waiting', position: 5, ahead: 4 });
  });

  it('allows one live entry per buyer: joining again returns the existing entry', async () => {
    const event = await createEvent(seller, { totalTickets: 1 });
    const [first, second] = await signInBuyers(api, 2, 'once');
    await first!.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    const a = await second!.post(`/api/events/${event.id}/queue`, { quantity: 2 });
    const b = await second!.post(`/api/events/${event.id}/queue`, { quantity: 3 });
    expect(a.status).to.equal(201);
    expect(b.status).to.equal(200);
    expect(b.body.id).to.equal(a.body.id);
    expect(b.body.quantity).to.equal(2);
    const availability = await api.get(`/api/events/${event.id}/availability`);
    expect(availability.body.waiting).to.equal(1);
  });

  it('never lets a larger quantity skip the line: the head waits while offers are out', async () => {
    const event = await createEvent(seller, { totalTickets: 3, maxPerBuyer: 4 });
    const [a, b, c] = await signInBuyers(api, 3, 'skip');
    expect((await a!.post(`/api/events/${event.id}/queue`, { quantity: 2 })).body.status).to.equal('offered');
    const bEntry = (await b!.post(`/api/events/${event.id}/queue`, { quantity: 2 })).body;
    const cEntry = (await c!.post(`/api/events/${event.id}/queue`, { quantity: 1 })).body;
    // One ticket is free, but B (ahead, wants 2) waits for A's offer to resolve, and C must not pass B.
    expect(bEntry).to.include({ status: 'waiting', position: 1 });
    expect(cEntry).to.include({ status: 'waiting', position: 2 });
    // A gives the offer back: B is offered, then C gets the last free ticket.
    await a!.delete(`/api/events/${event.id}/queue/me`);
    expect((await b!.get(`/api/events/${event.id}/queue/me`)).body.status).to.equal('offered');
    expect((await c!.get(`/api/events/${event.id}/queue/me`)).body.status).to.equal('offered');
  });

  it('moves everyone behind up when a buyer leaves, and a left entry can join again at the back', async () => {
    const event = await createEvent(seller, { totalTickets: 1, maxPerBuyer: 1 });
    const buyers = await signInBuyers(api, 4, 'leave');
    for (const buyer of buyers) await buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    const left = await buyers[1]!.delete(`/api/events/${event.id}/queue/me`);
    expect(left.body.status).to.equal('left');
    expect((await buyers[3]!.get(`/api/events/${event.id}/queue/me`)).body.position).to.equal(2);
    const again = await buyers[1]!.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    expect(again.status).to.equal(201);
    expect(again.body.position).to.equal(3);
  });

  it('rejects bad joins with a clear 4xx and changes nothing', async () => {
    const event = await createEvent(seller, { totalTickets: 5, maxPerBuyer: 2 });
    const [buyer] = await signInBuyers(api, 1, 'bad');
    const cases: Array<[unknown, number]> = [
      [{}, 400],
      [{ quantity: 0 }, 400],
      [{ quantity: 11 }, 400],
      [{ quantity: 1.5 }, 400],
      [{ quantity: '2' }, 400],
      [{ quantity: 1, userId: 'someone' }, 400],
      [[1], 400],
      [{ quantity: 3 }, 400], // above this event's maxPerBuyer
    ];
    for (const [body, status] of cases) {
      const res = await buyer!.post(`/api/events/${event.id}/queue`, body);
      expect(res.status, JSON.stringify(body)).to.equal(status);
      expect(res.body.error.code).to.equal('invalid_request');
    }
    const malformed = await buyer!.request('POST', `/api/events/${event.id}/queue`, '{"quantity":', { 'content-type': 'application/json' });
    expect(malformed.status).to.equal(400);
    expect((await buyer!.post('/api/events/no_such_event/queue', { quantity: 1 })).status).to.equal(404);
    expect((await buyer!.post('/api/events/bad$id/queue', { quantity: 1 })).status).to.equal(400);
    expect((await api.post(`/api/events/${event.id}/queue`, { quantity: 1 })).status).to.equal(401);
    expect((await buyer!.get(`/api/events/${event.id}/queue/me`)).status).to.equal(404);
    expect((await buyer!.delete(`/api/events/${event.id}/queue/me`)).status).to.equal(404);
    const availability = await api.get(`/api/events/${event.id}/availability`);
    expect(availability.body).to.include({ waiting: 0, held: 0, sold: 0 });
  });

  it('limits joins per buyer per minute with 429 and Retry-After', async () => {
    const limited = await startBackend({ label: 'ratelimit', env: { JOIN_RATE_PER_USER: '2', JOIN_RATE_PER_IP: '0' } });
    const base = new Api(limited.url);
    const owner = (await base.signIn('Limit Seller', 'seller')).api;
    const events = [await createEvent(owner), await createEvent(owner), await createEvent(owner)];
    const { api: buyer } = await base.signIn('Eager');
    expect((await buyer.post(`/api/events/${events[0].id}/queue`, { quantity: 1 })).status).to.equal(201);
    expect((await buyer.post(`/api/events/${events[1].id}/queue`, { quantity: 1 })).status).to.equal(201);
    const third = await buyer.post(`/api/events/${events[2].id}/queue`, { quantity: 1 });
    expect(third.status).to.equal(429);
    expect(third.body.error.code).to.equal('rate_limited');
    expect(Number(third.headers.get('retry-after'))).to.be.within(1, 60);
    expect((await base.get(`/api/events/${events[2].id}/availability`)).body.waiting).to.equal(0);
    await limited.stop();
  });
});
