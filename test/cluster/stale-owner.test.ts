import { expect } from 'chai';
import { pino } from 'pino';
import { auditQueue, loadQueueState } from '../../backend/src/queue/audit.js';
import { Api, type ApiResponse } from '../support/api.js';
import type { Backend } from '../support/backend.js';
import { createEvent, eventually, sleep } from '../support/fixtures.js';
import { startSilentProxy, type SilentProxy } from '../support/silent-proxy.js';
import { mintBuyerTokens } from '../support/tokens.js';
import { commandsIn, currentLease, journalOf, startCluster, statusOf, withDb } from './cluster-support.js';

/** A BSON string element as the driver writes it: type 0x02, the name, the length of the value and the value, each NUL-ended. */
function bsonString(name: string, value: string): Buffer {
  const text = Buffer.from(`${value}\0`);
  const length = Buffer.alloc(4);
  length.writeInt32LE(text.length);
  return Buffer.concat([Buffer.from([0x02]), Buffer.from(`${name}\0`), length, text]);
}

/** How an insert into the journal looks on the wire: the command's first element, insert: "journal". */
const JOURNAL_INSERT = bsonString('insert', 'journal');
/** Any request on the leases collection (renewing, reading who holds an event) names it. */
const LEASES = Buffer.from('event_leases\0');

/**
 * A paused owner (a long GC pause, a frozen VM) resumes after its lease moved: it still holds the
 * event's state in memory and a timer and requests that want to write it. Fencing must refuse
 * every such write, and nothing it held in memory may reach the journal.
 *
 * Once resumed, the old owner races itself: its lease renewal learns of the take-over after two
 * answers from the database and stops the actor, while the overdue on-sale timer's lottery waits
 * in the actor's mailbox behind the realtime reads that fell due with it. Both outcomes are safe,
 * but only "it writes before it knows" tests fencing, so the test makes that one happen: the old
 * owner talks to the database through a proxy that, from before it resumes until it has sent a
 * journal write, keeps back the answers to its lease look-ups (everything else flows). It cannot
 * learn of the take-over without such an answer, so that write comes from an owner that still
 * believes it owns the event.
 */
describe('cluster: a stale owner resumed after its lease moved cannot write', function () {
  this.timeout(180_000);
  let nodes: Backend[] = [];
  let proxy: SilentProxy | undefined;

  before(async () => {
    proxy = await startSilentProxy(new URL(process.env.QUEUETIX_TEST_MONGODB_URL!));
    const toDatabase = proxy.url;
    nodes = await startCluster(3, 'stale', {}, (i): Record<string, string> => (i === 0 ? { MONGODB_URL: toDatabase } : {}));
  });
  after(async () => {
    for (const node of nodes) if (node.process.signalCode === null && node.process.exitCode === null) node.process.kill('SIGCONT');
    proxy?.release();
    await Promise.all(nodes.map((n) => n.stop()));
    await proxy?.close();
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

    // The old owner wakes: its on-sale timer and the queued joins want to write what it holds in
    // memory. Until it has sent a journal write, the answers to its lease look-ups are kept back,
    // so it cannot have learnt of the take-over before it tries.
    proxy!.holdAnswersTo(LEASES);
    const journalWrite = proxy!.sent(JOURNAL_INSERT, 30_000, 'the resumed old owner to send a journal write');
    stale.process.kill('SIGCONT');
    await journalWrite;
    proxy!.release();

    const responses = await Promise.all(answers);
    await eventually(
      async () => ((await statusOf(stale)).leases.some((l) => l.eventId === event.id) ? undefined : true),
      20_000,
      'the old owner to let go of the event',
    );
    // The refusal takes the database two answers (the taken slot, then whose it is): it may land just after.
    const status = await eventually(
      async () => {
        const s = await statusOf(stale);
        return s.fencedWrites > 0 ? s : undefined;
      },
      20_000,
      'the database to refuse the journal write the old owner sent',
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

    // A join the old owner refused left no trace, and goes through when the buyer tries again (the
    // old owner now forwards it); one it forwarded to the new owner is there.
    const refused: number[] = [];
    for (const [i, b] of late.entries()) {
      const mine = await new Api(next.url, b.token).get(`/api/events/${event.id}/queue/me`);
      const answered = responses[i]!;
      if (answered.status === 201) expect(mine.body.id, `join ${i} acknowledged`).to.equal(answered.body.id);
      else {
        expect(mine.status, `join ${i} answered ${answered.status}`).to.equal(404);
        refused.push(i);
      }
    }
    for (const i of refused) {
      const again = await new Api(stale.url, late[i]!.token).post(`/api/events/${event.id}/queue`, { quantity: 1 });
      expect(again.status, `join ${i} tried again through the old owner`).to.equal(201);
      expect((await new Api(next.url, late[i]!.token).get(`/api/events/${event.id}/queue/me`)).body.id).to.equal(again.body.id);
    }

    // Every buyer is in the line exactly once: none lost, none doubled.
    const joins = commandsIn(await journalOf(stale.dbName, event.id)).filter((c): c is { type: 'join'; userId: string } => c.type === 'join');
    expect(joins.map((j) => j.userId).sort()).to.deep.equal([...early, ...late].map((b) => b.userId).sort());
    const state = await withDb(stale.dbName, (db) => loadQueueState(db, event.id, pino({ level: 'silent' })));
    expect(auditQueue(state)).to.include({ skipped: 0, inversions: 0, held: 5, total: 5 });
    for (const b of early) expect((await new Api(next.url, b.token).get(`/api/events/${event.id}/queue/me`)).status).to.equal(200);
  });
});
