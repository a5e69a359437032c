import { expect } from 'chai';
import {
  availability,
  decodeSnapshot,
  encodeSnapshot,
  entryView,
  nextDeadline,
  apply,
  type Command,
  type QueueState,
} from '../../../backend/src/queue/core/index.js';
import { MINUTE, T0, TestQueue } from './helpers.js';

/** A queue holding one of everything: lottery drawn, offers live and expired, sales, refunds, leavers. */
function busyQueue(): TestQueue {
  const queue = new TestQueue({ totalTickets: 6, salesStartAt: T0 + MINUTE, offerWindowSec: 60 });
  for (let i = 0; i < 8; i++) queue.join(`early${i}`, 1 + (i % 3));
  queue.clock = T0 + MINUTE;
  queue.must({ type: 'openSales', seed: 'snapshot-seed' });
  for (let i = 0; i < 4; i++) queue.join(`late${i}`, 2);
  const offered = queue.state.entries.filter((e) => e.status === 'offered');
  queue.pay(offered[0]!.id, { paymentId: 'pi_a' });
  queue.must({ type: 'leave', userId: offered[1]!.userId });
  queue.advance(30_000);
  queue.join('mid', 1);
  queue.advance(40_000);
  queue.pay(offered[2]!.id, { paymentId: 'pi_late' });
  return queue;
}

function roundTrip(state: QueueState): QueueState {
  return decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(state))));
}

function allViews(state: QueueState) {
  return state.entries.map((entry) => entryView(state, entry.id));
}

describe('queue core: snapshots', () => {
  it('round-trips through JSON to identical views, availability, deadlines and lottery record', () => {
    const original = busyQueue().state;
    const copy = roundTrip(original);
    expect(allViews(copy)).to.deep.equal(allViews(original));
    expect(availability(copy, 0)).to.deep.equal(availability(original, 0));
    expect(nextDeadline(copy)).to.equal(nextDeadline(original));
    expect(copy.lottery).to.deep.equal(original.lottery);
    expect(encodeSnapshot(copy)).to.deep.equal(encodeSnapshot(original));
  });

  it('behaves identically after a round trip: same commands, same replies and effects', () => {
    const queue = busyQueue();
    const copy = roundTrip(queue.state);
    const later: Command[] = [
      { type: 'join', entryId: 'n1', userId: 'new1', quantity: 3 },
      { type: 'expire' },
      {
        type: 'purchase',
        paymentId: 'pi_a',
        entryId: queue.state.payments.get('pi_a')!.entryId,
        offerId: 'x',
        amountPaid: 1,
        currency: 'usd',
        ticketIds: [],
        ticketCodes: [],
      },
      { type: 'leave', userId: 'late3' },
      { type: 'configure', patch: { totalTickets: 12 } },
      { type: 'expire' },
      { type: 'cancel' },
    ];
    let now = queue.clock;
    for (const cmd of later) {
      now += 45_000;
      expect(apply(copy, cmd, now), cmd.type).to.deep.equal(apply(queue.state, cmd, now));
    }
    expect(encodeSnapshot(copy)).to.deep.equal(encodeSnapshot(queue.state));
  });

  it('round-trips an empty queue and one still awaiting its lottery', () => {
    const before = new TestQueue({ salesStartAt: T0 + MINUTE });
    before.join('ann');
    const copy = roundTrip(before.state);
    expect(allViews(copy)).to.deep.equal(allViews(before.state));
    expect(entryView(copy, before.state.entries[0]!.id)!.inLottery).to.equal(true);
    const now = T0 + MINUTE;
    expect(apply(copy, { type: 'openSales', seed: 's' }, now)).to.deep.equal(apply(before.state, { type: 'openSales', seed: 's' }, now));
  });

  it('is versioned, compact JSON', () => {
    const snapshot = encodeSnapshot(busyQueue().state);
    expect(snapshot.v).to.equal(2);
    expect(JSON.parse(JSON.stringify(snapshot))).to.deep.equal(snapshot);
  });

  it('refuses malformed or inconsistent snapshots', () => {
    const good = encodeSnapshot(busyQueue().state);
    const bad = [
      { ...good, v: 3 },
      { ...good, entries: { ...good.entries, id: good.entries.id.slice(1) } },
      { ...good, entries: { ...good.entries, slot: good.entries.slot.map(() => 0) } },
      { ...good, config: { ...good.config, types: good.config.types.map((t) => ({ ...t, capacity: 0 })) } },
      { ...good, config: { ...good.config, capacity: 1 } },
      { ...good, entries: { ...good.entries, status: good.entries.status.map(() => 9) } },
      null,
    ];
    for (const data of bad) expect(() => decodeSnapshot(JSON.parse(JSON.stringify(data)))).to.throw(/invalid queue snapshot/);
  });
});

describe('queue core: failed commands', () => {
  it('leave the state exactly as it was', () => {
    const queue = busyQueue();
    const someone = queue.state.entries.find((e) => e.status === 'waiting')!;
    const purchased = queue.state.entries.find((e) => e.status === 'purchased')!;
    const failing: Command[] = [
      { type: 'create', eventId: 'again', config: queue.state.config },
      { type: 'join', entryId: someone.id, userId: 'newcomer', quantity: 1 },
      { type: 'join', entryId: 'fresh', userId: 'newcomer', quantity: 9 },
      { type: 'join', entryId: 'fresh', userId: purchased.userId, quantity: 4 },
      { type: 'leave', userId: 'nobody' },
      { type: 'openSales', seed: 'again' },
      { type: 'configure', patch: { totalTickets: 0 } },
      { type: 'configure', patch: { salesStartAt: 0 } },
      { type: 'configure', patch: { maxPerBuyer: 0, totalTickets: 100 } },
      { type: 'purchase', paymentId: 'pi_a', entryId: someone.id, offerId: 'x', amountPaid: 1, currency: 'usd', ticketIds: [], ticketCodes: [] },
      { type: 'purchase', paymentId: '', entryId: someone.id, offerId: 'x', amountPaid: 1, currency: 'usd', ticketIds: [], ticketCodes: [] },
      { type: 'bogus' } as unknown as Command,
    ];
    for (const cmd of failing) {
      const before = encodeSnapshot(queue.state);
      const result = queue.run(cmd);
      expect(result.ok, JSON.stringify(cmd)).to.equal(false);
      expect(encodeSnapshot(queue.state), JSON.stringify(cmd)).to.deep.equal(before);
    }
  });
});
