import { expect } from 'chai';
import { pino } from 'pino';
import { auditQueue, loadQueueState } from '../../backend/src/queue/audit.js';
import { Api } from '../support/api.js';
import type { Backend } from '../support/backend.js';
import { createEvent, eventually } from '../support/fixtures.js';
import { mintBuyerTokens } from '../support/tokens.js';
import { commandsIn, currentLease, journalOf, SECRET, startCluster, statusOf, withDb } from './cluster-support.js';

type Buyer = { userId: string; token: string };

/**
 * Batched forwarding (issue 14.3): an instance that does not run the event admits a buyer's join
 * itself (token, limits, validation) and sends the owner batches of admitted commands; the owner
 * applies each batch as one actor message and one journal write.
 */
describe('cluster: edges send the owner batches of admitted joins', function () {
  this.timeout(300_000);
  let nodes: Backend[];
  const at = (i: number, token?: string) => new Api(nodes[i]!.url, token);
  const joinPath = (eventId: string) => `/api/events/${eventId}/queue`;

  before(async () => {
    // A wide batching window, so that concurrent joins at an edge really travel together.
    nodes = await startCluster(3, 'batch', { FORWARD_BATCH_MS: '20', FORWARD_BATCH_MAX: '500' });
  });
  after(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('keeps one FIFO order across three instances: a join acknowledged before another is sent is ahead of it, and the line has no gaps or twins', async () => {
    const seller = (await at(0).signIn('Batch Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 1, maxPerBuyer: 1 });
    expect((await currentLease(nodes[0]!.dbName, event.id))!.owner).to.equal((await statusOf(nodes[0]!)).instanceId);
    const buyers = await mintBuyerTokens(nodes[0]!, 241, 'bfifo');
    const before = await Promise.all(nodes.map(statusOf));

    // The first buyer is offered the one ticket; then eight waves of 30, each spread over the three instances.
    expect((await at(1, buyers[0]!.token).post(joinPath(event.id), { quantity: 1 })).body).to.include({ status: 'offered' });
    const waves: number[][] = [];
    for (let w = 0; w < 8; w++) {
      const wave = buyers.slice(1 + w * 30, 1 + (w + 1) * 30);
      const answers = await Promise.all(wave.map((b, i) => at(i % 3, b.token).post(joinPath(event.id), { quantity: 1 })));
      expect(answers.map((r) => r.status)).to.deep.equal(wave.map(() => 201));
      waves.push(answers.map((r) => r.body.position as number));
    }
    // Causal order across instances: every position of a wave is behind every position of the waves acknowledged before it.
    for (let w = 1; w < waves.length; w++) expect(Math.min(...waves[w]!), `wave ${w}`).to.be.greaterThan(Math.max(...waves[w - 1]!));
    expect(waves.flat().sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 240 }, (_, i) => i + 1));

    // The two edges sent batches (fewer requests than commands), and the owner journaled the joins in the order it gave positions.
    const after = await Promise.all(nodes.map(statusOf));
    const batches = after.reduce((n, s, i) => n + s.forwardedBatches - before[i]!.forwardedBatches, 0);
    const batched = after.reduce((n, s, i) => n + s.batchedCommands - before[i]!.batchedCommands, 0);
    expect(batched).to.equal(1 + 2 * 8 * 10);
    expect(batches).to.be.lessThan(batched / 2);
    const joins = commandsIn(await journalOf(nodes[0]!.dbName, event.id)).filter((c) => c.type === 'join') as Array<{ type: string; userId: string }>;
    const positionOf = new Map<string, number>();
    for (let w = 0; w < 8; w++) buyers.slice(1 + w * 30, 1 + (w + 1) * 30).forEach((b, i) => positionOf.set(b.userId, waves[w]![i]!));
    expect(joins.slice(1).map((c) => positionOf.get(c.userId))).to.deep.equal(Array.from({ length: 240 }, (_, i) => i + 1));
  });

  it('lets no edge inject a command for a user whose token it did not verify', async () => {
    const seller = (await at(0).signIn('Guard Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 5, maxPerBuyer: 1 });
    const [good] = await mintBuyerTokens(nodes[0]!, 1, 'bguard');
    const [header, payload, signature] = good!.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'victim_1' })).toString('base64url')}.${signature}`;
    const before = await statusOf(nodes[1]!);

    // At an edge: a forged token, no token, and a client pretending to be a peer are all refused before anything is batched.
    expect((await at(1, forged).post(joinPath(event.id), { quantity: 1 })).status).to.equal(401);
    expect((await at(1).post(joinPath(event.id), { quantity: 1 })).status).to.equal(401);
    const spoofed = await fetch(`${nodes[1]!.url}${joinPath(event.id)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-queuetix-peer-secret': 'not-the-secret-at-all', 'x-queuetix-forwarded-by': 'i_fake' },
      body: JSON.stringify({ quantity: 1 }),
    });
    expect(spoofed.status).to.equal(401);
    expect((await statusOf(nodes[1]!)).batchedCommands).to.equal(before.batchedCommands);

    // At the owner's internal batch endpoint without the cluster secret: not even there.
    const injection = { items: [{ eventId: event.id, cmd: { type: 'join', entryId: 'e_injectedinjected', userId: 'victim_1', quantity: 1 } }] };
    // The secret with its last character changed (a random secret ends in "x" one time in 64).
    const nearMiss = `${SECRET.slice(0, -1)}${SECRET.endsWith('x') ? 'y' : 'x'}`;
    const wrongSecrets: Array<Record<string, string>> = [{}, { 'x-queuetix-peer-secret': nearMiss }];
    for (const headers of wrongSecrets) {
      const res = await fetch(`${nodes[0]!.url}/internal/cluster/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(injection),
      });
      expect(res.status).to.equal(404);
    }
    // A malformed command from a real peer is refused whole.
    const malformed = await fetch(`${nodes[0]!.url}/internal/cluster/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-queuetix-peer-secret': SECRET },
      body: JSON.stringify({ items: [{ eventId: event.id, cmd: { type: 'purchase', userId: 'victim_1' } }] }),
    });
    expect(malformed.status).to.equal(400);
    expect((await at(0).get(`/api/events/${event.id}/availability`)).body).to.include({ waiting: 0, held: 0 });
    expect(commandsIn(await journalOf(nodes[0]!.dbName, event.id)).filter((c) => c.type === 'join')).to.have.length(0);
  });

  it('loses no acknowledged join when an edge and then the owner are killed in the middle of batches', async () => {
    const owner = nodes[0]!;
    const seller = (await at(0).signIn('Kill Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 10, maxPerBuyer: 1, offerWindowSec: 600 });
    const ownerId = (await currentLease(owner.dbName, event.id))!.owner;
    const buyers = await mintBuyerTokens(owner, 400, 'bkill');
    const acknowledged = new Map<string, string>();
    const join = async (b: Buyer, node: number) => {
      try {
        const res = await at(node, b.token).post(joinPath(event.id), { quantity: 1 });
        if (res.status === 201 || res.status === 200) acknowledged.set(b.userId, res.body.id as string);
      } catch {
        /* connection reset by a kill: not acknowledged */
      }
    };

    // Edge 2 dies while its batches are on their way.
    const first = Promise.all(buyers.slice(0, 200).map((b, i) => join(b, 1 + (i % 2))));
    await eventually(async () => (acknowledged.size >= 30 ? true : undefined), 60_000, 'thirty acknowledged joins');
    await nodes[2]!.kill();
    await first;
    // Then the owner dies while edge 1 keeps sending.
    const second = Promise.all(buyers.slice(200).map((b) => join(b, 1)));
    await eventually(async () => (acknowledged.size >= 60 + 30 ? true : undefined), 60_000, 'more acknowledged joins');
    await owner.kill();
    await second;

    // Edge 1 takes the event over once the lease runs out; every acknowledged join is there, with its entry.
    await eventually(
      async () => {
        const lease = await currentLease(owner.dbName, event.id);
        return lease && lease.owner !== ownerId ? lease : undefined;
      },
      30_000,
      'edge 1 to take the event over',
    );
    for (const b of buyers.filter((x) => acknowledged.has(x.userId))) {
      const res = await eventually(async () => {
        const r = await at(1, b.token).get(`/api/events/${event.id}/queue/me`);
        return r.status === 503 ? undefined : r;
      });
      expect(res.status, `acknowledged join of ${b.userId}`).to.equal(200);
      expect(res.body.id).to.equal(acknowledged.get(b.userId));
    }
    const state = await withDb(owner.dbName, (db) => loadQueueState(db, event.id, pino({ level: 'silent' })));
    expect(auditQueue(state)).to.include({ skipped: 0, inversions: 0, total: 10 });
  });
});
