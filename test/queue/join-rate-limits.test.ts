import { expect } from 'chai';
import { currentLease, startCluster, statusOf } from '../cluster/cluster-support.js';
import { freePort } from '../../scripts/lib/ferretdb.js';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';

/**
 * Join limits with REDIS_URL: one budget per buyer across every instance (counters in Redis), and
 * a per-instance counter while Redis cannot be reached (fail open, never a 500).
 */
describe('queue: join rate limits shared through Redis', function () {
  this.timeout(120_000);
  const nodes: Backend[] = [];
  after(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it("limits a buyer's joins spread over two instances by one per-minute budget", async () => {
    const [a, b] = await startCluster(2, 'join-limits', { JOIN_RATE_PER_USER: '3', JOIN_RATE_PER_IP: '0' });
    nodes.push(a!, b!);
    // Each event's actor runs where the event was created, and a join is served (and counted) there.
    const onA = (await new Api(a!.url).signIn('Limit Seller', 'seller')).api;
    const onB = new Api(b!.url, onA.token);
    const events = [await createEvent(onA), await createEvent(onB), await createEvent(onA), await createEvent(onB)];
    const owners = await Promise.all(events.map(async (e) => (await currentLease(a!.dbName, e.id))!.owner));
    const [idA, idB] = await Promise.all([statusOf(a!), statusOf(b!)]).then((s) => s.map((x) => x.instanceId));
    expect(owners).to.deep.equal([idA, idB, idA, idB]);

    const { token } = await new Api(a!.url).signIn('Eager Everywhere');
    const at = [new Api(a!.url, token), new Api(b!.url, token), new Api(a!.url, token), new Api(b!.url, token)];
    const answers = [];
    for (const [i, event] of events.entries()) answers.push(await at[i]!.post(`/api/events/${event.id}/queue`, { quantity: 1 }));
    // Two joins counted on each instance, four in all: the fourth is over the shared budget of three.
    expect(answers.map((r) => r.status)).to.deep.equal([201, 201, 201, 429]);
    expect(answers[3]!.body.error.code).to.equal('rate_limited');
    expect(Number(answers[3]!.headers.get('retry-after'))).to.be.within(1, 60);
  });

  it('counts on each instance when Redis cannot be reached: joins go through, the limit still holds there', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`; // nothing listens there
    const backend = await startBackend({ label: 'join-limits-no-redis', env: { REDIS_URL: nowhere, JOIN_RATE_PER_USER: '2', JOIN_RATE_PER_IP: '0' } });
    nodes.push(backend);
    const base = new Api(backend.url);
    const seller = (await base.signIn('No Redis Seller', 'seller')).api;
    const events = [await createEvent(seller), await createEvent(seller), await createEvent(seller)];
    const { api: buyer } = await base.signIn('Eager Without Redis');
    const answers = [];
    for (const event of events) answers.push(await buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 }));
    expect(answers.map((r) => r.status)).to.deep.equal([201, 201, 429]);
  });
});
