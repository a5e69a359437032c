import { expect } from 'chai';
import type { Db, MongoClient } from 'mongodb';
import { SimulatedClock } from '../../../backend/src/queue/clock.js';
import type { EventQueues } from '../../../backend/src/queue/event-queues.js';
import { connectTestDb, createEvent, FakeOwnership, startQueues } from './support.js';

const IDLE_MS = 60_000;

/** Lets `ms` pass a sweep period at a time, each sweep finishing before time moves on (as it would in real time). */
async function elapse(queues: EventQueues, clock: SimulatedClock, ms: number): Promise<void> {
  for (let passed = 0; passed < ms; passed += IDLE_MS) {
    clock.advance(Math.min(IDLE_MS, ms - passed));
    await queues.idle.settled();
  }
}

/** ACTOR_IDLE_MS: quiet actors give back their memory and lease; a SimulatedClock stands in for the wait. */
describe('queue lifecycle: idle actors stop', () => {
  let client: MongoClient;
  let db: Db;
  let clock: SimulatedClock;
  let queues: EventQueues;

  before(async () => ({ client, db } = await connectTestDb('lifecycle_idle')));
  after(() => client.close());
  beforeEach(() => (clock = new SimulatedClock()));
  afterEach(() => queues.close());

  it('stops an actor with nothing live once nobody used it for ACTOR_IDLE_MS, and the next call recovers it intact', async () => {
    queues = await startQueues(db, clock, { idleMs: IDLE_MS });
    await createEvent(queues, 'quiet', { totalTickets: 0 });
    await queues.command('quiet', { type: 'join', entryId: 'entry_a', userId: 'alice', quantity: 1 });
    expect(queues.isRunning('quiet')).to.equal(true);

    clock.advance(IDLE_MS);
    expect(await queues.idle.settled()).to.deep.equal(['quiet']);
    expect(queues.isRunning('quiet')).to.equal(false);

    const entry = await queues.entryOfUser('quiet', 'alice');
    expect(entry).to.include({ id: 'entry_a', status: 'waiting', position: 1 });
    expect(queues.isRunning('quiet')).to.equal(true);
  });

  it('keeps an actor that was used within ACTOR_IDLE_MS', async () => {
    queues = await startQueues(db, clock, { idleMs: IDLE_MS });
    await createEvent(queues, 'busy', { totalTickets: 0 });
    clock.advance(IDLE_MS - 1);
    await queues.availability('busy');
    clock.advance(1); // the sweep runs now: the read above was 1 ms ago
    expect(await queues.idle.settled()).to.deep.equal([]);
    expect(queues.isRunning('busy')).to.equal(true);
  });

  it('keeps an idle actor while it holds a live offer (its timer must run), and stops it once the offer ended', async () => {
    queues = await startQueues(db, clock, { idleMs: IDLE_MS });
    await createEvent(queues, 'offering', { offerWindowSec: 600 });
    await queues.command('offering', { type: 'join', entryId: 'entry_b', userId: 'bob', quantity: 1 });
    expect(await queues.entryOfUser('offering', 'bob')).to.include({ status: 'offered' });

    await elapse(queues, clock, IDLE_MS * 9); // the 10 min offer is still live
    expect(queues.isRunning('offering')).to.equal(true);

    await elapse(queues, clock, IDLE_MS * 2); // the offer expired at 10 min: nothing is live any more
    expect(queues.isRunning('offering')).to.equal(false);
    expect(await queues.entryOfUser('offering', 'bob')).to.include({ status: 'expired' });
  });

  it('gives the lease back when it stops an idle actor (cluster)', async () => {
    const ownership = new FakeOwnership();
    queues = await startQueues(db, clock, { idleMs: IDLE_MS, cluster: { ownership } });
    await createEvent(queues, 'leased');
    clock.advance(IDLE_MS);
    expect(await queues.idle.settled()).to.deep.equal(['leased']);
    expect(ownership.released).to.deep.equal([['leased', 1]]);
  });

  it('never stops an actor when ACTOR_IDLE_MS is 0', async () => {
    queues = await startQueues(db, clock, { idleMs: 0 });
    await createEvent(queues, 'forever');
    clock.advance(365 * 24 * 3600_000);
    expect(clock.pending).to.equal(0);
    expect(queues.isRunning('forever')).to.equal(true);
  });
});
