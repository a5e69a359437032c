import { expect } from 'chai';
import { MongoClient, type Db } from 'mongodb';
import { pino } from 'pino';
import { LeaseKeeper } from '../../backend/src/cluster/lease-keeper.js';
import { LeaseStore } from '../../backend/src/cluster/lease-store.js';

/** Event leases on the real database: one owner at a time, a token that grows with every new owner. */
describe('cluster: event leases', function () {
  this.timeout(60_000);
  const log = pino({ level: 'silent' });
  let client: MongoClient;
  let db: Db;
  let store: LeaseStore;
  let now = Date.parse('2030-01-01T00:00:00Z');
  const clock = () => now;
  const keeper = (instanceId: string, takeOverLive = false) => new LeaseKeeper(store, { instanceId, leaseMs: 3_000, takeOverLive, log, clock });

  before(async () => {
    client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!);
    await client.connect();
    db = client.db(`leases_${Date.now()}`);
    store = new LeaseStore(db);
    await store.ensureIndexes();
  });
  after(async () => client.close());

  it('lets one instance hold an event; the others are told where it lives', async () => {
    const a = keeper('A');
    const b = keeper('B');
    a.setUrl('http://a.internal:3000');
    expect(await a.acquire('e1')).to.deep.equal({ token: 1 });
    expect(await b.acquire('e1')).to.deep.equal({ elsewhere: { instanceId: 'A', url: 'http://a.internal:3000' } });
    expect(await b.ownerOf('e1')).to.deep.equal({ instanceId: 'A', url: 'http://a.internal:3000' });
    expect(await a.ownerOf('e1')).to.equal(undefined);
  });

  it('hands an event to another instance once its owner stops renewing, with a higher token, and tells the old owner', async () => {
    const a = keeper('A');
    const b = keeper('B');
    const lost: Array<[string, number]> = [];
    a.onLost((eventId, token) => lost.push([eventId, token]));
    expect(await a.acquire('e2')).to.deep.equal({ token: 1 });
    now += 2_000;
    await a.renew();
    now += 2_500; // renewed 2.5 s ago with a 3 s lease: still A's
    expect(await b.acquire('e2')).to.have.property('elsewhere');
    now += 1_000; // A paused: no renewal for 3.5 s
    expect(await b.acquire('e2')).to.deep.equal({ token: 2 });
    expect(await store.hasNewer('e2', 1)).to.equal(true);
    expect(lost).to.deep.equal([]);
    await a.renew();
    expect(lost).to.deep.equal([['e2', 1]]);
    expect(a.heldEvents()).to.deep.equal([]);
  });

  it('leaves an expired lease to an owner that still answers it holds the event, for at most one more lease', async () => {
    const a = keeper('A');
    expect(await a.acquire('e6')).to.deep.equal({ token: 1 });
    let answers = true;
    const asked: Array<[string, number]> = [];
    const b = new LeaseKeeper(store, {
      instanceId: 'B',
      leaseMs: 3_000,
      takeOverLive: false,
      log,
      clock,
      probe: async (owner, eventId, token) => {
        asked.push([owner.instanceId, token]);
        return answers && eventId === 'e6';
      },
    });
    now += 3_500; // A's renewals are stuck behind a slow database; A itself is fine
    expect(await b.acquire('e6')).to.have.property('elsewhere');
    answers = false; // A died or froze: it no longer answers
    b.forget('e6');
    expect(await b.acquire('e6')).to.deep.equal({ token: 2 });
    expect(asked).to.deep.equal([
      ['A', 1],
      ['A', 1],
    ]);

    // Past a second lease the event moves whatever its owner says (it cannot reach the database).
    const c = new LeaseKeeper(store, { instanceId: 'C', leaseMs: 3_000, takeOverLive: false, log, clock, probe: async () => true });
    now += 6_100;
    expect(await c.acquire('e6')).to.deep.equal({ token: 3 });
  });

  it('gives exactly one of many instances the event when they all try at once', async () => {
    const keepers = Array.from({ length: 6 }, (_, i) => keeper(`K${i}`));
    const claims = await Promise.all(keepers.map((k) => k.acquire('e3').catch((err: Error) => ({ error: err.message }))));
    const winners = claims.filter((c) => 'token' in c);
    expect(winners).to.deep.equal([{ token: 1 }]);
    const holders = keepers.filter((k) => k.heldEvents().length > 0);
    expect(holders).to.have.length(1);
  });

  it('lets the next owner in at once when the owner gives the lease back', async () => {
    const a = keeper('A');
    const b = keeper('B');
    expect(await a.acquire('e4')).to.deep.equal({ token: 1 });
    await a.release('e4', 1);
    expect(await b.acquire('e4')).to.deep.equal({ token: 2 });
  });

  it('in single-instance mode takes over a live lease left by a process that died (fencing keeps it safe)', async () => {
    const dead = keeper('previous-run');
    expect(await dead.acquire('e5')).to.deep.equal({ token: 1 });
    const restarted = keeper('this-run', true);
    expect(await restarted.acquire('e5')).to.deep.equal({ token: 2 });
    expect(await store.hasNewer('e5', 1)).to.equal(true);
  });
});
