import { expect } from 'chai';
import { MongoClient, type Db } from 'mongodb';
import { pino } from 'pino';
import { isFencedOut, type Fence } from '../../backend/src/queue/persistence/fencing.js';
import { MongoPersistenceEngine, type PersistedEvent } from '../../backend/src/queue/persistence/mongo-persistence-engine.js';

/**
 * Fencing at the storage level, with two engines standing for two instances that both believe they
 * own one event. Deterministic: no processes, no timers; the real driver against FerretDB.
 */
describe('cluster: fencing of journal and snapshot writes', function () {
  this.timeout(60_000);
  const log = pino({ level: 'silent' });
  let client: MongoClient;
  let db: Db;
  /** The newest token handed out per key (what the lease store says). */
  const newest = new Map<string, number>();

  const fenceOf = (key: string, token: number): Fence => {
    newest.set(key, Math.max(newest.get(key) ?? 0, token));
    return { token, superseded: async () => (newest.get(key) ?? 0) > token };
  };
  const event = (key: string, seq: number, data: unknown): PersistedEvent => ({ key, sequenceNumber: seq, data, tags: [], createdAt: Date.now() });
  /** What nact does when an actor starts: latest snapshot, then reduce over the journal after it. */
  const recover = async (engine: MongoPersistenceEngine, key: string) => {
    const snapshot = await engine.latestSnapshot(key);
    const offset = snapshot?.sequenceNumber ?? 0;
    return engine.events(key, offset).reduce<PersistedEvent[]>((all, e) => [...all, e], []);
  };
  /** What any later reader sees: commands only (fence records are skipped like nact's deleted events). */
  const journalData = async (key: string) => {
    const engine = new MongoPersistenceEngine(db, log);
    const snapshot = await engine.latestSnapshot(key);
    const events = await engine.loadEvents(key, snapshot?.sequenceNumber ?? 0);
    return { snapshot: snapshot?.data, data: events.filter((e) => !e.isDeleted).map((e) => e.data) };
  };
  const refusal = async (write: Promise<void>) => {
    try {
      await write;
    } catch (err) {
      return err;
    }
    return undefined;
  };

  before(async () => {
    client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!);
    await client.connect();
    db = client.db(`fencing_${Date.now()}`);
    await new MongoPersistenceEngine(db, log).ensureIndexes();
  });
  after(async () => client.close());

  it('refuses every journal write of the old owner once a newer owner has taken the event over', async () => {
    const key = 'takeover';
    const first = new MongoPersistenceEngine(db, log);
    first.fence(key, fenceOf(key, 1));
    const firstSeen = await recover(first, key);
    expect(firstSeen.map((e) => [e.sequenceNumber, e.isDeleted])).to.deep.equal([[1, true]]);
    await Promise.all([first.persist(event(key, 2, 'a')), first.persist(event(key, 3, 'b'))]);

    // A newer owner takes over: it recovers what is durable and journals its own fence record.
    const second = new MongoPersistenceEngine(db, log);
    second.fence(key, fenceOf(key, 2));
    const secondSeen = await recover(second, key);
    expect(secondSeen.map((e) => e.sequenceNumber)).to.deep.equal([1, 2, 3, 4]);
    expect(secondSeen.at(-1)).to.include({ isDeleted: true });

    // The old owner still holds state in memory and tries to write it.
    const refused = await refusal(first.persist(event(key, 4, 'stale')));
    expect(isFencedOut(refused), String(refused)).to.equal(true);
    const later = await refusal(first.persist(event(key, 5, 'stale too')));
    expect(later).to.exist;
    expect(first.fencedWrites).to.equal(1);

    await second.persist(event(key, 5, 'c'));
    expect((await journalData(key)).data).to.deep.equal(['a', 'b', 'c']);
  });

  it('keeps a batch the old owner made durable just before the take-over (it may have been acknowledged)', async () => {
    const key = 'race';
    const first = new MongoPersistenceEngine(db, log);
    first.fence(key, fenceOf(key, 1));
    await recover(first, key);
    await first.persist(event(key, 2, 'a'));

    const second = new MongoPersistenceEngine(db, log);
    second.fence(key, fenceOf(key, 2));
    const snapshot = await second.latestSnapshot(key);
    // The new owner has read the journal (up to 2) when the old one's next batch lands at 3 …
    const loaded = await second.loadEvents(key, snapshot?.sequenceNumber ?? 0);
    await first.persist(event(key, 3, 'acknowledged'));
    // … so its fence record cannot take slot 3: it reads the batch and fences at 4.
    const secondSeen = await recover(second, key);
    expect(loaded.map((e) => e.sequenceNumber)).to.deep.equal([1, 2]);
    expect(secondSeen.map((e) => e.sequenceNumber)).to.deep.equal([1, 2, 3, 4]);
    expect(isFencedOut(await refusal(first.persist(event(key, 4, 'stale'))))).to.equal(true);
    expect((await journalData(key)).data).to.deep.equal(['a', 'acknowledged']);
  });

  it('refuses the old owner even after the new owner snapshotted and collected the journal it covers', async () => {
    const key = 'collected';
    const first = new MongoPersistenceEngine(db, log);
    first.fence(key, fenceOf(key, 1));
    await recover(first, key);
    await first.persist(event(key, 2, 'a'));

    const second = new MongoPersistenceEngine(db, log);
    second.fence(key, fenceOf(key, 2));
    await recover(second, key); // fence at 3
    await Promise.all([4, 5, 6].map((seq) => second.persist(event(key, seq, `n${seq}`))));
    await second.takeSnapshot({ key, sequenceNumber: 6, data: { upTo: 6 }, createdAt: Date.now() });
    const batchesLeft = await db.collection('journal').find({ key }).project({ from: 1, era: 1 }).toArray();
    expect(
      batchesLeft.every((d) => d.era === true),
      'only era documents survive collection',
    ).to.equal(true);

    // The old owner, paused all along, wakes with slot 3 as its next write: still taken.
    expect(isFencedOut(await refusal(first.persist(event(key, 3, 'stale'))))).to.equal(true);
    await second.persist(event(key, 7, 'n7'));
    expect(await journalData(key)).to.deep.equal({ snapshot: { upTo: 6 }, data: ['n7'] });
  });

  it('refuses a snapshot from an owner that has been superseded, and the newest snapshot stays the one recovery uses', async () => {
    const key = 'snapshots';
    const first = new MongoPersistenceEngine(db, log);
    first.fence(key, fenceOf(key, 1));
    await recover(first, key);
    await first.persist(event(key, 2, 'a'));

    const second = new MongoPersistenceEngine(db, log);
    second.fence(key, fenceOf(key, 2));
    await recover(second, key); // fence at 3
    await second.persist(event(key, 4, 'b'));
    await second.takeSnapshot({ key, sequenceNumber: 4, data: { by: 'second' }, createdAt: Date.now() });

    const stale = await refusal(first.takeSnapshot({ key, sequenceNumber: 2, data: { by: 'first' }, createdAt: Date.now() }));
    expect(isFencedOut(stale), String(stale)).to.equal(true);
    expect((await journalData(key)).snapshot).to.deep.equal({ by: 'second' });
  });

  it('gives a recovering owner up when a newer owner already holds the event', async () => {
    const key = 'late';
    const older = fenceOf(key, 1);
    fenceOf(key, 2);
    const engine = new MongoPersistenceEngine(db, log);
    engine.fence(key, older);
    expect(isFencedOut(await refusal(recover(engine, key).then(() => undefined)))).to.equal(true);
    expect(await db.collection('journal').countDocuments({ key })).to.equal(0);
  });
});
