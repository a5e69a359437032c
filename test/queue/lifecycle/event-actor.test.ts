import { expect } from 'chai';
import { ActorTimer } from '../../../backend/src/queue/actor-timer.js';
import { SimulatedClock } from '../../../backend/src/queue/clock.js';
import * as core from '../../../backend/src/queue/core/index.js';
import type { Command, Effect, EntryView, QueueState } from '../../../backend/src/queue/core/index.js';
import { decodeJournalRecord, eventActorBehaviour, type ActorMessage, type ActorReply, type JournalRecord } from '../../../backend/src/queue/event-actor.js';
import { ActorSystem, type ActorHandle, type JournalEngine, type ReplyTo } from '../../../backend/src/queue/nact-adapter.js';
import type { PersistedEvent } from '../../../backend/src/queue/persistence/persisted.js';
import { eventConfig } from './support.js';

/** A journal in memory: the actor shell through the nact adapter, without a database. */
class MemoryJournal implements JournalEngine {
  readonly stored: PersistedEvent[] = [];
  events(key: string, offset: number) {
    const events = this.stored.filter((e) => e.key === key && e.sequenceNumber > offset);
    return { reduce: async <T>(fn: (acc: T, e: PersistedEvent, i: number) => T, initial: T) => events.reduce(fn, initial) };
  }
  async latestSnapshot() {
    return undefined;
  }
  async takeSnapshot() {}
  async persist(event: PersistedEvent) {
    this.stored.push(event);
  }
}

/** One event actor on a SimulatedClock, its timer wired as the registry wires it. */
function spawnEventActor(system: ActorSystem, clock: SimulatedClock, acknowledged: Effect[][]): ActorHandle<ActorMessage> {
  // Assigned once, below; the timer's callback must see it, so it is declared before.
  // eslint-disable-next-line prefer-const
  let handle: ActorHandle<ActorMessage> | undefined;
  const timer = new ActorTimer(clock, () => handle && system.tell(handle, { kind: 'timer' }));
  const behaviour = eventActorBehaviour('ev', {
    clock,
    beforeAck: async () => undefined,
    afterAck: (_id, effects) => acknowledged.push(effects),
    recovered: async () => undefined,
    armTimer: (_id, at) => timer.arm(at),
    broken: (_id, err) => {
      throw err;
    },
  });
  handle = system.spawnPersistent<QueueState, ActorMessage, JournalRecord>(behaviour, {
    key: 'ev',
    name: `ev-${Math.random()}`,
    initialState: core.createState,
    decodeRecord: decodeJournalRecord,
    snapshotEvery: 1_000,
    encodeSnapshot: core.encodeSnapshot,
    decodeSnapshot: core.decodeSnapshot,
    onCrash: (err) => {
      throw err;
    },
  });
  return handle;
}

async function ask(system: ActorSystem, actor: ActorHandle<ActorMessage>, make: (sender: ReplyTo<ActorReply>) => ActorMessage): Promise<unknown> {
  const answer = await system.ask<ActorMessage, ActorReply>(actor, make, 5_000);
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.value;
}

describe('queue lifecycle: the event actor on a simulated clock (no database)', () => {
  let system: ActorSystem;
  let journal: MemoryJournal;
  beforeEach(() => {
    journal = new MemoryJournal();
    system = new ActorSystem(journal);
  });
  afterEach(() => system.close());

  const command = (actor: ActorHandle<ActorMessage>, cmd: Command) => ask(system, actor, (sender) => ({ kind: 'command', cmd, sender }));
  const entryOf = async (actor: ActorHandle<ActorMessage>, userId: string) =>
    (await ask(system, actor, (sender) => ({ kind: 'read', read: (state) => core.entryOfUser(state, userId), sender }))) as EntryView | undefined;

  it('offers the next buyer when an offer expires, at the deadline and not a millisecond before', async () => {
    const clock = new SimulatedClock();
    const acknowledged: Effect[][] = [];
    const actor = spawnEventActor(system, clock, acknowledged);
    expect(await ask(system, actor, (sender) => ({ kind: 'recovered', sender }))).to.equal(false);
    await command(actor, { type: 'create', eventId: 'ev', config: eventConfig({ totalTickets: 1, offerWindowSec: 300 }) });
    await command(actor, { type: 'join', entryId: 'entry_a', userId: 'ann', quantity: 1 });
    await command(actor, { type: 'join', entryId: 'entry_b', userId: 'ben', quantity: 1 });
    expect(await entryOf(actor, 'ann')).to.include({ status: 'offered', offerExpiresAt: clock.now() + 300_000 });

    clock.advance(300_000 - 1);
    expect(await entryOf(actor, 'ann')).to.include({ status: 'offered' });
    clock.advance(1);
    expect(await entryOf(actor, 'ann')).to.include({ status: 'expired' });
    expect(await entryOf(actor, 'ben')).to.include({ status: 'offered', offerExpiresAt: clock.now() + 300_000 });
    expect(journal.stored.map((e) => (e.data as JournalRecord).cmd.type)).to.deep.equal(['create', 'join', 'join', 'expire']);
  });

  it('rebuilds the same state from the journal after a restart, and expires at once what fell due meanwhile', async () => {
    const clock = new SimulatedClock();
    const first = spawnEventActor(system, clock, []);
    await ask(system, first, (sender) => ({ kind: 'recovered', sender }));
    await command(first, { type: 'create', eventId: 'ev', config: eventConfig({ totalTickets: 1, offerWindowSec: 300 }) });
    await command(first, { type: 'join', entryId: 'entry_a', userId: 'ann', quantity: 1 });
    await command(first, { type: 'join', entryId: 'entry_b', userId: 'ben', quantity: 1 });
    system.stop(first);

    clock.advance(301_000); // nothing ran meanwhile: no timer fired
    const second = spawnEventActor(system, clock, []);
    expect(await ask(system, second, (sender) => ({ kind: 'recovered', sender }))).to.equal(true);
    expect(await entryOf(second, 'ann')).to.include({ status: 'expired' });
    expect(await entryOf(second, 'ben')).to.include({ status: 'offered', offerExpiresAt: clock.now() + 300_000 });
  });

  it('refuses to replay a journal record that is not a command with its time', () => {
    expect(() => decodeJournalRecord({ cmd: { type: 'join' } })).to.throw(/journal record/);
    expect(() => decodeJournalRecord('join')).to.throw(/journal record/);
    expect(decodeJournalRecord({ cmd: { type: 'expire' }, now: 5 })).to.deep.equal({ cmd: { type: 'expire' }, now: 5 });
  });
});
