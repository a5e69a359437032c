import { expect } from 'chai';
import { MongoClient, type Db } from 'mongodb';
import { pino } from 'pino';
import * as core from '../../backend/src/queue/core/index.js';
import { MongoPersistenceEngine, SNAPSHOT_CHUNK_CHARS, type PersistedEvent } from '../../backend/src/queue/persistence/mongo-persistence-engine.js';

/** The nact persistence engine against the real driver and FerretDB. */
describe('queue: MongoDB persistence engine', function () {
  this.timeout(120_000);
  let client: MongoClient;
  let db: Db;
  const log = pino({ level: 'silent' });
  const event = (key: string, seq: number, data: unknown): PersistedEvent => ({ key, sequenceNumber: seq, data, tags: [], createdAt: Date.now() });

  before(async () => {
    client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!);
    await client.connect();
    db = client.db(`persistence_${Date.now()}`);
  });
  after(async () => client.close());

  it('group-commits events that arrive together into few journal documents and replays them in order', async () => {
    const engine = new MongoPersistenceEngine(db, log);
    await engine.ensureIndexes();
    await Promise.all(Array.from({ length: 3_000 }, (_, i) => engine.persist(event('group', i + 1, { n: i + 1 }))));
    const docs = await db.collection('journal').countDocuments({ key: 'group' });
    expect(docs).to.be.within(1, 10);
    const replayed = await engine.loadEvents('group', 0);
    expect(replayed.map((e) => e.sequenceNumber)).to.deep.equal(Array.from({ length: 3_000 }, (_, i) => i + 1));
    expect(replayed.map((e) => (e.data as { n: number }).n)).to.deep.equal(Array.from({ length: 3_000 }, (_, i) => i + 1));
    // nact reduces over what events() returns, starting after a snapshot's sequence number.
    const sum = await engine.events('group', 2_990).reduce((acc, e) => acc + e.sequenceNumber, 0);
    expect(sum).to.equal(2_991 + 2_992 + 2_993 + 2_994 + 2_995 + 2_996 + 2_997 + 2_998 + 2_999 + 3_000);
  });

  it('refuses to replay a journal with a gap (lost data must stop recovery, not be skipped)', async () => {
    const engine = new MongoPersistenceEngine(db, log);
    await engine.persist(event('gappy', 1, 'a'));
    await engine.persist(event('gappy', 2, 'b'));
    await db.collection('journal').deleteOne({ key: 'gappy', from: 1 });
    await engine.persist(event('gappy', 3, 'c'));
    let error: unknown;
    try {
      await engine.loadEvents('gappy', 0);
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.match(/gap/);
  });

  it('stores a snapshot larger than a 16 MB document (350,000 queued buyers) in chunks and reads it back whole', async () => {
    const state = core.createState();
    let now = Date.now();
    core.apply(
      state,
      {
        type: 'create',
        eventId: 'big',
        config: { totalTickets: 100, maxPerBuyer: 1, offerWindowSec: 600, salesStartAt: null, price: 100, currency: 'usd', cancelled: false },
      },
      now,
    );
    for (let i = 0; i < 350_000; i++) core.apply(state, { type: 'join', entryId: `entry_${i}_padding`, userId: `user_${i}_padding`, quantity: 1 }, ++now);
    const engine = new MongoPersistenceEngine(db, log);
    const data = core.encodeSnapshot(state);
    const bytes = JSON.stringify(data).length;
    expect(bytes).to.be.greaterThan(16 * 1024 * 1024);
    await engine.takeSnapshot({ key: 'big', sequenceNumber: 350_001, data, createdAt: now });
    const head = await db.collection('snapshot_heads').findOne({ key: 'big' } as never);
    expect(head!.parts)
      .to.equal(Math.ceil(bytes / SNAPSHOT_CHUNK_CHARS))
      .and.be.greaterThan(4);
    const loaded = await engine.latestSnapshot('big');
    expect(loaded!.sequenceNumber).to.equal(350_001);
    const restored = core.decodeSnapshot(loaded!.data);
    expect(core.availability(restored)).to.deep.equal(core.availability(state));
    expect(core.entryOfUser(restored, 'user_349999_padding')).to.deep.equal(core.entryOfUser(state, 'user_349999_padding'));
  });

  it('after a failed journal write, fails every later write of that key until the actor recovers', async () => {
    const engine = new MongoPersistenceEngine(db, log);
    await engine.ensureIndexes();
    await engine.persist(event('broken', 1, 'first'));
    // A conflicting batch at the same sequence number makes the next write fail, like a lost database.
    await db.collection('journal').insertOne({ _id: 'broken:2', key: 'broken', from: 2, to: 2, events: '[[2,0,"other"]]', writtenAt: new Date() } as never);
    const results = await Promise.allSettled([engine.persist(event('broken', 2, 'second')), engine.persist(event('broken', 3, 'third'))]);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
    let later: unknown;
    await engine.persist(event('broken', 4, 'fourth')).catch((err) => (later = err));
    expect(later).to.exist;
    engine.resetKey('broken');
    await db.collection('journal').deleteOne({ _id: 'broken:2' } as never);
    await engine.persist(event('broken', 2, 'again'));
    expect((await engine.loadEvents('broken', 0)).map((e) => e.data)).to.deep.equal(['first', 'again']);
  });
});
