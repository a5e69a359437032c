import { expect } from 'chai';
import { entryOfUser, entryView, lotteryOrder, needsOpening, pendingOpeningAt } from '../../../backend/src/queue/core/index.js';
import { MINUTE, T0, TestQueue } from './helpers.js';

const users = Array.from({ length: 20 }, (_, i) => `early${i}`);

/** An event going on sale at T0 + 1h, with `users` joined beforehand. */
function earlyArrivals(): TestQueue {
  const queue = new TestQueue({ totalTickets: 0, salesStartAt: T0 + 60 * MINUTE });
  for (const user of users) {
    queue.join(user);
    queue.clock += 1000;
  }
  return queue;
}

function lineOrder(queue: TestQueue, who: string[]): string[] {
  return who
    .map((user) => entryOfUser(queue.state, user)!)
    .sort((a, b) => a.position! - b.position!)
    .map((entry) => entry.id);
}

describe('queue core: the early-arrival lottery', () => {
  it('keeps early arrivals in a pre-queue without a position until sales open', () => {
    const queue = earlyArrivals();
    const entry = entryOfUser(queue.state, 'early0')!;
    expect(entry).to.include({ status: 'waiting', inLottery: true });
    expect(entry.position).to.equal(undefined);
    expect(needsOpening(queue.state, queue.clock)).to.equal(false);
    expect(pendingOpeningAt(queue.state)).to.equal(T0 + 60 * MINUTE);
    expect(needsOpening(queue.state, T0 + 60 * MINUTE)).to.equal(true);
  });

  it('refuses to draw before the on-sale time', () => {
    const queue = earlyArrivals();
    const result = queue.run({ type: 'openSales', seed: 'too-soon' });
    expect(result.ok || result.error.code).to.equal('conflict');
  });

  it('places early arrivals in the order drawn from the seed, and records the draw for audit', () => {
    const queue = earlyArrivals();
    const joinOrder = users.map((user) => entryOfUser(queue.state, user)!.id);
    queue.clock = T0 + 60 * MINUTE;
    const { reply, effects } = queue.must({ type: 'openSales', seed: 'seed-A' });

    expect(reply.lottery).to.deep.equal({ seed: 'seed-A', drawnAt: queue.clock, participants: joinOrder });
    expect(queue.state.lottery).to.deep.equal(reply.lottery);
    expect(lineOrder(queue, users)).to.deep.equal(lotteryOrder('seed-A', joinOrder));
    expect(lineOrder(queue, users), 'a shuffle of 20 is not the join order').to.not.deep.equal(joinOrder);
    expect(effects.filter((e) => e.type === 'entryChanged')).to.have.length(users.length);
    expect(reply.availability.salesOpen).to.equal(true);
    expect(needsOpening(queue.state, queue.clock)).to.equal(false);
  });

  it('draws the same order from the same seed and a different order from a different seed', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `entry-${i}`);
    expect(lotteryOrder('seed-A', ids)).to.deep.equal(lotteryOrder('seed-A', ids));
    expect(lotteryOrder('seed-A', ids)).to.not.deep.equal(lotteryOrder('seed-B', ids));
    expect([...lotteryOrder('seed-A', ids)].sort()).to.deep.equal([...ids].sort());
  });

  it('is pinned to cyrb128 + sfc32 + Fisher-Yates, so an auditor can recompute any past draw', () => {
    expect(lotteryOrder('audit', ['a', 'b', 'c', 'd', 'e', 'f'])).to.deep.equal(['c', 'b', 'a', 'd', 'f', 'e']);
  });

  it('puts those who join after the on-sale FIFO behind the early arrivals', () => {
    const queue = earlyArrivals();
    queue.clock = T0 + 60 * MINUTE;
    queue.must({ type: 'openSales', seed: 'seed-A' });
    const late = queue.join('late1').reply.entry;
    const later = queue.join('late2').reply.entry;
    expect(late).to.include({ position: users.length + 1 });
    expect(late.inLottery).to.equal(undefined);
    expect(later.position).to.equal(users.length + 2);
  });

  it('leaves out early arrivals who left before the draw', () => {
    const queue = earlyArrivals();
    queue.must({ type: 'leave', userId: 'early3' });
    queue.clock = T0 + 60 * MINUTE;
    const { reply } = queue.must({ type: 'openSales', seed: 'seed-A' });
    expect(reply.lottery.participants).to.not.include(entryOfUser(queue.state, 'early3')!.id);
    expect(reply.lottery.participants).to.have.length(users.length - 1);
  });

  it('queues a join that arrives after the on-sale time but before the draw behind the draw, not in it', () => {
    const queue = earlyArrivals();
    queue.clock = T0 + 60 * MINUTE;
    const late = queue.join('late').reply.entry;
    expect(late.inLottery).to.equal(undefined);
    const { reply } = queue.must({ type: 'openSales', seed: 'seed-A' });
    expect(reply.lottery.participants).to.not.include(late.id);
    expect(entryView(queue.state, late.id)!.position).to.equal(users.length + 1);
  });

  it('makes offers from the head of the drawn order once sales open', () => {
    const queue = new TestQueue({ totalTickets: 2, salesStartAt: T0 + MINUTE });
    for (const user of users) queue.join(user);
    expect(queue.state.held, 'no offers before sales open').to.equal(0);
    queue.clock = T0 + MINUTE;
    const joinOrder = users.map((user) => entryOfUser(queue.state, user)!.id);
    const { effects } = queue.must({ type: 'openSales', seed: 'seed-C' });
    const offered = effects.filter((e) => e.type === 'offerMade').map((e) => e.entryId);
    expect(offered).to.deep.equal(lotteryOrder('seed-C', joinOrder).slice(0, 2));
  });

  it('opens sales at creation when there is no on-sale time, with no lottery', () => {
    const queue = new TestQueue({ salesStartAt: null });
    expect(queue.state.lottery).to.equal(null);
    expect(needsOpening(queue.state, queue.clock)).to.equal(false);
    expect(pendingOpeningAt(queue.state)).to.equal(null);
    const again = queue.run({ type: 'openSales', seed: 'x' });
    expect(again.ok || again.error.code).to.equal('conflict');
  });
});
