import { expect } from 'chai';
import { pino } from 'pino';
import { auditQueue, loadQueueState } from '../../backend/src/queue/audit.js';
import { Api, type ApiResponse } from '../support/api.js';
import type { Backend } from '../support/backend.js';
import { createEvent, eventually, sleep } from '../support/fixtures.js';
import { mintBuyerTokens } from '../support/tokens.js';
import { commandsIn, currentLease, journalOf, startCluster, statusOf, withDb } from './cluster-support.js';

/**
 * A paused owner (a long GC pause, a frozen VM) resumes after its lease moved: it still holds the
 * event's state in memory and a timer and requests that want to write it. Fencing must refuse
 * every such write, and nothing it held in memory may reach the journal.
 */
describe('cluster: a stale owner resumed after its lease moved cannot write', function () {
  this.timeout(180_000);
  let nodes: Backend[];

  before(async () => {
    nodes = await startCluster(3, 'stale');
  });
  after(async () => {
    for (const node of nodes) if (node.process.signalCode === null && node.process.exitCode === null) node.process.kill('SIGCONT');
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('refuses the resumed owner its writes (on-sale timer and queued joins) and keeps the new owner the only writer', async () => {
    const [stale, next] = nodes as [Backend, Backend, Backend];
    const seller = (await new Api(stale.url).signIn('Stale Seller', 'seller')).api;
    const salesStartAt = Date.now() + 20_000;
    const event = await createEvent(seller, { totalTickets: 5, maxPerBuyer: 1, salesStartAt: new Date(salesStartAt).toISOString() });
    const staleId = (await statusOf(stale)).instanceId;
    expect((await currentLease(stale.dbName, event.id))!.owner).to.equal(staleId);

    // Early arrivals, acknowledged by the owner before it freezes.
    const early = await mintBuyerTokens(stale, 8, 'early');
    const earlyEntries = await Promise.all(early.map((b) => new Api(stale.url, b.token).post(`/api/events/${event.id}/queue`, { quantity: 1 })));
    expect(earlyEntries.map((r) => r.body.inLottery)).to.deep.equal(early.map(() => true));

    stale.process.kill('SIGSTOP');
    // Its lease runs out; the sweep of another instance takes the event (live: its on-sale is pending).
    const lease = await eventually(
      async () => {
        const current = await currentLease(stale.dbName, event.id);
        return current && current.owner !== staleId ? current : undefined;
      },
      30_000,
      'another instance to take the event over',
    );

    // Joins sent to the frozen process wait in its socket backlog.
    const late = await mintBuyerTokens(stale, 12, 'late');
    const answers: Array<Promise<ApiResponse | { status: 0 }>> = late.map((b) =>
      new Api(stale.url, b.token).post(`/api/events/${event.id}/queue`, { quantity: 1 }).catch(() => ({ status: 0 }) as const),
    );
    // Sales open meanwhile: the new owner draws the lottery.
    await sleep(Math.max(0, salesStartAt - Date.now()) + 1_000);
    expect((await new Api(next.url).get(`/api/events/${event.id}/availability`)).body).to.include({ salesOpen: true, held: 5 });

    // The old owner wakes: its on-sale timer and the queued joins want to write what it holds in memory.
    stale.process.kill('SIGCONT');
    const responses = await Promise.all(answers);
    const status = await eventually(
      async () => {
        const s = await statusOf(stale);
        return s.leases.some((l) => l.eventId === event.id) ? undefined : s;
      },
      20_000,
      'the old owner to let go of the event',
    );
    expect(status.fencedWrites, 'writes the old owner attempted and the database refused').to.be.greaterThan(0);

    // Nothing of the old owner's after the new owner's era start: one writer at a time, tokens only grow.
    const journal = await journalOf(stale.dbName, event.id);
    const eraOfNew = journal.find((d) => d.era && d.token === lease.token);
    expect(eraOfNew, 'the new owner journaled its fence record').to.exist;
    const after = journal.filter((d) => d.from > eraOfNew!.from);
    expect(
      after.every((d) => (d.token ?? 0) >= lease.token),
      JSON.stringify(after.map((d) => [d.from, d.token])),
    ).to.equal(true);
    const tokens = journal.map((d) => d.token ?? 0);
    expect(tokens).to.deep.equal([...tokens].sort((a, b) => a - b));
    // One lottery only: the new owner's. The old owner's own draw never reached the journal.
    expect(commandsIn(journal).filter((c) => c.type === 'openSales')).to.have.length(1);

    // A join the old owner refused left no trace; one it forwarded to the new owner is there.
    for (const [i, b] of late.entries()) {
      const mine = await new Api(next.url, b.token).get(`/api/events/${event.id}/queue/me`);
      const answered = responses[i]!;
      if (answered.status === 201) expect(mine.body.id, `join ${i} acknowledged`).to.equal(answered.body.id);
      else expect(mine.status, `join ${i} answered ${answered.status}`).to.equal(404);
    }

    const state = await withDb(stale.dbName, (db) => loadQueueState(db, event.id, pino({ level: 'silent' })));
    expect(auditQueue(state)).to.include({ skipped: 0, inversions: 0, held: 5, total: 5 });
    for (const b of early) expect((await new Api(next.url, b.token).get(`/api/events/${event.id}/queue/me`)).status).to.equal(200);
  });
});
