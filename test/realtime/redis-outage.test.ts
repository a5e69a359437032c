import { expect } from 'chai';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { LiveClient } from './live-client.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';

describe('realtime: a Redis outage', () => {
  let redis: PrivateRedis;
  let a: Backend;
  let b: Backend;
  const clients: LiveClient[] = [];

  before(async () => {
    redis = await startPrivateRedis();
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'outage', JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' };
    [a, b] = await Promise.all([startBackend({ label: 'outage-a', env }), startBackend({ label: 'outage-b', env })]);
  });
  after(async () => {
    for (const client of clients) client.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('is survived: each instance keeps pushing to its own sockets, and pushes cross again once Redis is back', async () => {
    const api = new Api(a.url);
    const seller = await api.signIn('Outage Seller', 'seller');
    const event = await createEvent(seller.api, { totalTickets: 50 });
    const onA = await LiveClient.connect(a.url);
    const me = await api.signIn('Outage Buyer', 'buyer');
    const onB = await LiveClient.connect(b.url, me.token);
    clients.push(onA, onB);
    await onA.watch(event.id);
    await onB.watch(event.id);
    const buyers = await Promise.all(Array.from({ length: 3 }, (_, i) => api.signIn(`Outage ${i}`, 'buyer')));

    await buyers[0]!.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await onB.next('availability', (m) => m.held === 1);

    await redis.stop();
    await buyers[1]!.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await onA.next('availability', (m) => m.held === 2);
    expect(a.process.exitCode, 'instance A is still running').to.equal(null);
    expect(b.process.exitCode, 'instance B is still running').to.equal(null);

    await redis.start();
    // The clients reconnect with back-off; keep changing the event until B hears of it.
    const from = onB.mark();
    await buyers[2]!.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    let heard = false;
    for (let attempt = 0; attempt < 30 && !heard; attempt++) {
      const buyer = await api.signIn(`Late ${attempt}`, 'buyer');
      await buyer.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
      heard = onB.received('availability', from).length > 0;
      if (!heard) await new Promise((r) => setTimeout(r, 500));
    }
    expect(heard, 'B relays A’s pushes again').to.equal(true);
    const last = await onB.next('availability', (m) => m.held >= 3, from);
    expect(last.eventId).to.equal(event.id);
  });

  it('does not make shutdown fail while Redis is down', async () => {
    await redis.stop();
    await a.stop();
    expect(a.process.exitCode).to.equal(0);
    await redis.start();
  });
});
