import { expect } from 'chai';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, eventually } from '../support/fixtures.js';
import { mintBuyerTokens } from '../support/tokens.js';
import { REDIS_URL, SECRET, type ClusterStatus } from './cluster-support.js';

/**
 * `WORKERS`: one process per core behind one port (backend/src/workers.ts), sharing the events
 * through leases: whichever worker a connection lands on serves the same API.
 */
describe('cluster: WORKERS instances behind one port', function () {
  this.timeout(180_000);
  let backend: Backend;

  before(async () => {
    backend = await startBackend({
      label: 'workers',
      entry: ['--import', 'tsx', 'backend/src/workers.ts'],
      startTimeoutMs: 90_000,
      env: {
        WORKERS: '2',
        REDIS_URL,
        REDIS_PREFIX: `qtx-workers-${process.pid}-${Date.now().toString(36)}`,
        CLUSTER_SECRET: SECRET,
        JOIN_RATE_PER_USER: '0',
        JOIN_RATE_PER_IP: '0',
      },
    });
  });
  after(async () => {
    await backend.stop();
  });

  /**
   * The status of whichever worker the primary hands a new connection to. Always a fresh connection
   * (no keep-alive): a pooled one would stay with the worker it first reached, however long we ask.
   */
  const statusOfNextWorker = async (): Promise<ClusterStatus | undefined> => {
    const res = await fetch(`${backend.url}/internal/cluster/status`, { headers: { 'x-queuetix-peer-secret': SECRET, connection: 'close' } });
    return res.status === 200 ? ((await res.json()) as ClusterStatus) : undefined;
  };

  it('runs two instances on the one port, and joins landing on either keep one line', async () => {
    // New connections are handed out round robin: both workers answer on the public port.
    const seen = new Set<string>();
    await eventually(
      async () => {
        const status = await statusOfNextWorker();
        if (status) seen.add(status.instanceId);
        return seen.size === 2 ? true : undefined;
      },
      60_000,
      'both workers answering',
    );

    const seller = (await new Api(backend.url).signIn('Workers Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 1, maxPerBuyer: 1 });
    const buyers = await mintBuyerTokens(backend, 40, 'workers');
    const answers = await Promise.all(
      buyers.map((b) =>
        fetch(`${backend.url}/api/events/${event.id}/queue`, {
          method: 'POST',
          headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ quantity: 1 }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string; position?: number } })),
      ),
    );
    expect(answers.map((a) => a.status)).to.deep.equal(buyers.map(() => 201));
    expect(answers.filter((a) => a.body.status === 'offered')).to.have.length(1);
    expect(answers.flatMap((a) => (a.body.position ? [a.body.position] : [])).sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 39 }, (_, i) => i + 1));

    // One worker owns the event; the other admitted its share of the joins and sent them in batches.
    const statuses = [];
    for (const id of seen) {
      statuses.push(
        await eventually(async () => {
          const s = await statusOfNextWorker();
          return s?.instanceId === id ? s : undefined;
        }),
      );
    }
    expect(statuses.filter((s) => s.leases.some((l) => l.eventId === event.id))).to.have.length(1);
    expect(statuses.reduce((n, s) => n + s.batchedCommands + s.forwardedRequests, 0)).to.be.greaterThan(0);
  });
});
