import { expect } from 'chai';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { LiveClient } from './live-client.js';

const REDIS_URL = process.env.QUEUETIX_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('realtime: several backend instances sharing Redis', () => {
  // A prefix of its own, so parallel runs on one Redis never hear each other.
  const prefix = `qtx-test-${process.pid}-${Date.now().toString(36)}`;
  const env = { REDIS_URL, REDIS_PREFIX: prefix, JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' };
  let a: Backend;
  let b: Backend;
  const clients: LiveClient[] = [];

  before(async () => {
    [a, b] = await Promise.all([startBackend({ label: 'redis-a', env }), startBackend({ label: 'redis-b', env })]);
  });
  after(async () => {
    for (const client of clients) client.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('delivers pushes made on one instance to a buyer connected to the other', async () => {
    // Both instances verify the same dev tokens (same key under the shared DATA_DIR).
    const apiA = new Api(a.url);
    const seller = await apiA.signIn('Cluster Seller', 'seller');
    const event = await createEvent(seller.api, { totalTickets: 1, maxPerBuyer: 1 });
    const holder = await apiA.signIn('Holder', 'buyer');
    const ahead = await apiA.signIn('Ahead', 'buyer');
    const me = await apiA.signIn('Buyer On B', 'buyer');

    // Connected to B, whose database does not even know the event: it can only relay A's pushes.
    const onB = await LiveClient.connect(b.url, me.token);
    clients.push(onB);
    expect((await onB.watch(event.id)).error.code).to.equal('not_found');

    await holder.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await ahead.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    const joined = await me.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    expect(joined.body).to.include({ status: 'waiting', position: 2 });

    expect(await onB.next('entry', (e) => e.id === joined.body.id)).to.include({ status: 'waiting', position: 2 });
    expect(await onB.next('availability', (a) => a.waiting === 2)).to.include({ eventId: event.id, held: 1 });

    // Positions are computed on A (the actor's instance) for watchers A learns about from B.
    await ahead.api.delete(`/api/events/${event.id}/queue/me`);
    expect(await onB.next('entry', (e) => e.position === 1)).to.include({ status: 'waiting', ahead: 0 });
    await holder.api.delete(`/api/events/${event.id}/queue/me`);
    expect(await onB.next('entry', (e) => e.status === 'offered')).to.have.property('offerExpiresAt');
  });

  it('delivers each push once to a buyer connected to both instances', async () => {
    const apiA = new Api(a.url);
    const seller = await apiA.signIn('Cluster Seller 2', 'seller');
    const event = await createEvent(seller.api, { totalTickets: 1, maxPerBuyer: 1 });
    const holder = await apiA.signIn('Holder 2', 'buyer');
    const me = await apiA.signIn('Two Tabs', 'buyer');
    const onA = await LiveClient.connect(a.url, me.token);
    const onB = await LiveClient.connect(b.url, me.token);
    clients.push(onA, onB);
    await onA.watch(event.id);
    await onB.watch(event.id);
    const fromA = onA.mark();
    const fromB = onB.mark();

    await holder.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    const joined = await me.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await holder.api.delete(`/api/events/${event.id}/queue/me`);
    await onA.next('entry', (e) => e.status === 'offered', fromA);
    await onB.next('entry', (e) => e.status === 'offered', fromB);
    await new Promise((r) => setTimeout(r, 500));
    const statesOf = (client: LiveClient, from: number) =>
      client
        .received('entry', from)
        .filter((e) => e.id === joined.body.id)
        .map((e) => `${e.status}:${e.position ?? '-'}`);
    // The same pushes on both sockets, none twice (a quick join-then-offer may coalesce into one).
    expect(statesOf(onA, fromA)).to.deep.equal(statesOf(onB, fromB));
    expect(new Set(statesOf(onB, fromB)).size).to.equal(statesOf(onB, fromB).length);
    expect(statesOf(onB, fromB).at(-1)).to.equal('offered:-');
  });

  it('in one deployment (shared database), gives a buyer on an instance that does not run the event its state at once and every move', async () => {
    const c = await startBackend({ label: 'redis-c', dbName: a.dbName, env });
    try {
      const apiA = new Api(a.url);
      const seller = await apiA.signIn('Shared Seller', 'seller');
      const event = await createEvent(seller.api, { totalTickets: 1, maxPerBuyer: 1 });
      const holder = await apiA.signIn('Shared Holder', 'buyer');
      const me = await apiA.signIn('Shared Buyer', 'buyer');
      await holder.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
      // Joining through C: the command is forwarded to the instance running the event's actor.
      const joined = await new Api(c.url, me.token).post(`/api/events/${event.id}/queue`, { quantity: 1 });
      expect(joined.body).to.include({ status: 'waiting', position: 1 });

      const onC = await LiveClient.connect(c.url, me.token);
      clients.push(onC);
      expect(await onC.watch(event.id)).to.deep.equal({ ok: true });
      expect(onC.received('availability')[0]).to.include({ eventId: event.id, held: 1, waiting: 1 });
      expect(onC.received('entry')[0]).to.include({ id: joined.body.id, position: 1 });

      await new Api(c.url, holder.token).delete(`/api/events/${event.id}/queue/me`);
      expect(await onC.next('entry', (e) => e.status === 'offered')).to.have.property('offerExpiresAt');
      expect(await onC.next('availability', (m) => m.waiting === 0)).to.include({ held: 1 });
    } finally {
      await c.stop();
    }
  });

  it('keeps serving its own sockets when Redis is unreachable', async () => {
    const lonely = await startBackend({ label: 'redis-down', env: { ...env, REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const api = new Api(lonely.url);
      const seller = await api.signIn('Lonely Seller', 'seller');
      const event = await createEvent(seller.api, { totalTickets: 2 });
      const watcher = await LiveClient.connect(lonely.url);
      clients.push(watcher);
      expect(await watcher.watch(event.id)).to.deep.equal({ ok: true });
      const buyer = await api.signIn('Lonely Buyer', 'buyer');
      await buyer.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
      expect(await watcher.next('availability', (m) => m.held === 1)).to.include({ eventId: event.id, free: 1 });
    } finally {
      await lonely.stop();
    }
  });
});
