import { expect } from 'chai';
import { availability, entryOfUser, needsOpening, nextDeadline } from '../../../backend/src/queue/core/index.js';
import { effectsOfType, MINUTE, T0, TestQueue } from './helpers.js';

describe('queue core: cancellation', () => {
  it('stops everything at once: live offers end, waiting buyers leave, both told the event is cancelled', () => {
    const queue = new TestQueue({ totalTickets: 3 });
    const ann = queue.join('ann', 1).reply.entry;
    const bob = queue.join('bob', 2).reply.entry;
    const cat = queue.join('cat', 2).reply.entry;
    queue.pay(ann.id);

    const { reply, effects } = queue.must({ type: 'cancel' });
    expect(reply.alreadyCancelled).to.equal(false);
    expect(effectsOfType(effects, 'eventCancelled')).to.have.length(1);
    expect(effectsOfType(effects, 'offerEnded')).to.deep.equal([{ type: 'offerEnded', entryId: bob.id, offerId: `${bob.id}-o`, reason: 'cancelled' }]);
    expect(effectsOfType(effects, 'entryChanged').map((e) => e.entryId)).to.deep.equal([bob.id, cat.id]);
    expect(entryOfUser(queue.state, 'bob')).to.include({ status: 'left', outcome: 'The event was cancelled.' });
    expect(entryOfUser(queue.state, 'cat')).to.include({ status: 'left', outcome: 'The event was cancelled.' });
    expect(entryOfUser(queue.state, 'ann'), 'sold tickets stay sold until the refund job').to.include({ status: 'purchased' });
    expect({ ...availability(queue.state, queue.clock), types: undefined }).to.deep.equal({
      types: undefined,
      total: 3,
      sold: 1,
      held: 0,
      free: 2,
      waiting: 0,
      soldOut: false,
      salesOpen: false,
    });
    expect(nextDeadline(queue.state)).to.equal(null);
  });

  it('takes no joins, makes no offers and sells nothing afterwards', () => {
    const queue = new TestQueue({ totalTickets: 1 });
    const ann = queue.join('ann').reply.entry;
    queue.must({ type: 'cancel' });

    const join = queue.run({ type: 'join', entryId: 'x', userId: 'bob', quantity: 1 });
    expect(join.ok || join.error.code).to.equal('conflict');
    const late = queue.pay(ann.id, { paymentId: 'pi_late' });
    expect(late.reply.payment).to.include({ outcome: 'refunded', reason: 'event_cancelled' });
    expect(effectsOfType(late.effects, 'refundPayment')).to.have.length(1);
    expect(late.reply.entry!.outcome).to.match(/cancelled before your payment arrived/);
    expect(availability(queue.state, queue.clock).sold).to.equal(0);
  });

  it('answers a second cancel with success and no effects', () => {
    const queue = new TestQueue();
    queue.must({ type: 'cancel' });
    const again = queue.must({ type: 'cancel' });
    expect(again.reply.alreadyCancelled).to.equal(true);
    expect(again.effects).to.deep.equal([]);
  });

  it('never draws the lottery of a cancelled event', () => {
    const queue = new TestQueue({ salesStartAt: T0 + MINUTE });
    queue.join('ann');
    queue.must({ type: 'cancel' });
    queue.clock += 2 * MINUTE;
    expect(needsOpening(queue.state, queue.clock)).to.equal(false);
    const draw = queue.run({ type: 'openSales', seed: 's' });
    expect(draw.ok || draw.error.code).to.equal('conflict');
    expect(entryOfUser(queue.state, 'ann')).to.include({ status: 'left' });
  });
});
