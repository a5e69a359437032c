import { expect } from 'chai';
import type { Db, MongoClient } from 'mongodb';
import { SimulatedClock } from '../../../backend/src/queue/clock.js';
import type { EventQueues } from '../../../backend/src/queue/event-queues.js';
import { connectTestDb, createEvent, eventConfig, startQueues } from './support.js';

const MINUTE = 60_000;

/**
 * The live-actor index (`queue_actors`) says which actors must run without being asked: those with
 * a live offer or a pending on-sale. A boot (and a cluster's take-over sweep) wakes exactly those.
 */
describe('queue lifecycle: which actors are live, and waking them at boot', () => {
  let client: MongoClient;
  let db: Db;
  let clock: SimulatedClock;
  const open: EventQueues[] = [];
  const boot = async () => {
    const queues = await startQueues(db, clock);
    open.push(queues);
    return queues;
  };

  beforeEach(async () => {
    clock = new SimulatedClock();
    ({ client, db } = await connectTestDb('lifecycle_live'));
  });
  afterEach(async () => {
    for (const queues of open.splice(0)) await queues.close();
    await client.close();
  });

  it('does not count an event with nothing live (no offer out, sales open)', async () => {
    const queues = await boot();
    await createEvent(queues, 'quiet', { totalTickets: 0 });
    await queues.command('quiet', { type: 'join', entryId: 'entry_q', userId: 'quinn', quantity: 1 });
    await queues.close();
    expect(await (await boot()).liveEventIds()).to.deep.equal([]);
  });

  it('counts an event while an offer is out, and no longer once it expired', async () => {
    let queues = await boot();
    await createEvent(queues, 'offering', { offerWindowSec: 600 });
    await queues.command('offering', { type: 'join', entryId: 'entry_o', userId: 'olga', quantity: 1 });
    await queues.close();
    queues = await boot();
    expect(await queues.liveEventIds()).to.deep.equal(['offering']);

    clock.advance(10 * MINUTE);
    expect(await queues.entryOfUser('offering', 'olga')).to.include({ status: 'expired' });
    await queues.close();
    expect(await (await boot()).liveEventIds()).to.deep.equal([]);
  });

  it('counts an event whose sales open later, until they open', async () => {
    let queues = await boot();
    await queues.create('later', eventConfig({ salesStartAt: clock.now() + 30 * MINUTE }));
    await queues.close();
    queues = await boot();
    expect(await queues.liveEventIds()).to.deep.equal(['later']);
    expect(queues.isRunning('later')).to.equal(true);

    clock.advance(30 * MINUTE); // the woken actor's timer draws the lottery
    expect(await queues.availability('later')).to.include({ salesOpen: true });
    await queues.close();
    expect(await (await boot()).liveEventIds()).to.deep.equal([]);
  });

  it('wakes at boot only the actors with a live offer or a pending on-sale, and their timers run on the clock', async () => {
    let queues = await boot();
    await createEvent(queues, 'quiet', { totalTickets: 0 });
    await createEvent(queues, 'offering', { offerWindowSec: 600, totalTickets: 1 });
    await queues.command('offering', { type: 'join', entryId: 'entry_w', userId: 'wendy', quantity: 1 });
    await queues.command('offering', { type: 'join', entryId: 'entry_x', userId: 'xavier', quantity: 1 });
    await queues.close();

    clock.advance(4 * MINUTE); // down for 4 minutes
    queues = await boot();
    expect(queues.isRunning('offering')).to.equal(true);
    expect(queues.isRunning('quiet')).to.equal(false);

    clock.advance(6 * MINUTE - 1);
    expect(await queues.entryOfUser('offering', 'wendy')).to.include({ status: 'offered' });
    clock.advance(1); // exactly 10 minutes after the offer: the next buyer is offered
    expect(await queues.entryOfUser('offering', 'wendy')).to.include({ status: 'expired' });
    expect(await queues.entryOfUser('offering', 'xavier')).to.include({ status: 'offered' });
  });

  it('expires at once, on waking, an offer whose deadline passed while nothing ran', async () => {
    let queues = await boot();
    await createEvent(queues, 'overdue', { offerWindowSec: 600 });
    await queues.command('overdue', { type: 'join', entryId: 'entry_y', userId: 'yara', quantity: 1 });
    await queues.close();

    clock.advance(60 * MINUTE);
    queues = await boot();
    expect(await queues.entryOfUser('overdue', 'yara')).to.include({ status: 'expired' });
  });
});
