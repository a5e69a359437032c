import { expect } from 'chai';
import { availability, entryOfUser, entryView, nextDeadline } from '../../../backend/src/queue/core/index.js';
import { effectsOfType, MINUTE, offeredEntryIds, TestQueue } from './helpers.js';

describe('queue core: offers', () => {
  it('offers the head of the line its quantity while that many tickets are free', () => {
    const queue = new TestQueue({ totalTickets: 5, offerWindowSec: 600 });
    const { reply, effects } = queue.join('ann', 2);
    expect(reply.entry).to.include({ status: 'offered', offerId: `${reply.entry.id}-o`, offeredQuantity: 2 });
    expect(reply.entry.offerExpiresAt).to.equal(queue.clock + 600_000);
    expect(effectsOfType(effects, 'offerMade')).to.deep.equal([
      { type: 'offerMade', entryId: reply.entry.id, offerId: `${reply.entry.id}-o`, quantity: 2, expiresAt: queue.clock + 600_000 },
    ]);
    expect({ ...availability(queue.state, queue.clock), types: undefined }).to.deep.equal({
      types: undefined,
      total: 5,
      sold: 0,
      held: 2,
      free: 3,
      waiting: 0,
      soldOut: false,
      salesOpen: true,
    });
  });

  it('makes a larger head wait rather than let a smaller buyer behind it skip the line', () => {
    const queue = new TestQueue({ totalTickets: 4 });
    queue.join('ann', 3);
    const bob = queue.join('bob', 2).reply.entry;
    const cat = queue.join('cat', 1).reply.entry;
    expect(bob.status).to.equal('waiting');
    expect(entryView(queue.state, cat.id)!.status, 'one ticket is free but bob is ahead').to.equal('waiting');
    expect(availability(queue.state, queue.clock).free).to.equal(1);
  });

  it('offers the head what remains when no live offer could ever free enough for it', () => {
    const queue = new TestQueue({ totalTickets: 5 });
    const ann = queue.join('ann', 3).reply.entry;
    const bob = queue.join('bob', 4).reply.entry;
    expect(bob.status, '2 free + 3 held could still cover 4').to.equal('waiting');

    const paid = queue.pay(ann.id);
    expect(offeredEntryIds(paid.effects)).to.deep.equal([bob.id]);
    expect(entryView(queue.state, bob.id)).to.include({ status: 'offered', quantity: 4, offeredQuantity: 2 });
    expect(availability(queue.state, queue.clock)).to.include({ sold: 3, held: 2, free: 0 });
  });

  it('offers the next buyer when an offer expires', () => {
    const queue = new TestQueue({ totalTickets: 2, offerWindowSec: 60 });
    const ann = queue.join('ann', 2).reply.entry;
    const bob = queue.join('bob', 2).reply.entry;
    expect(nextDeadline(queue.state)).to.equal(queue.clock + MINUTE);

    const early = queue.advance(MINUTE - 1);
    expect(early.reply.expired, 'one ms before its deadline the offer still stands').to.equal(0);
    expect(early.effects).to.deep.equal([]);

    const due = queue.advance(1);
    expect(due.reply.expired).to.equal(1);
    expect(entryView(queue.state, ann.id)!.status).to.equal('expired');
    expect(entryView(queue.state, bob.id)).to.include({ status: 'offered', offerExpiresAt: queue.clock + MINUTE });
    expect(effectsOfType(due.effects, 'offerEnded')).to.deep.equal([{ type: 'offerEnded', entryId: ann.id, offerId: `${ann.id}-o`, reason: 'expired' }]);
    expect(offeredEntryIds(due.effects)).to.deep.equal([bob.id]);
    expect(nextDeadline(queue.state)).to.equal(queue.clock + MINUTE);
  });

  it('expires every offer whose deadline has passed in one command, earliest first, after a long pause', () => {
    const queue = new TestQueue({ totalTickets: 3, offerWindowSec: 60 });
    const ann = queue.join('ann').reply.entry;
    queue.clock += 10_000;
    const bob = queue.join('bob').reply.entry;
    queue.clock += 10_000;
    const cat = queue.join('cat').reply.entry;
    const dan = queue.join('dan', 3).reply.entry;

    const resumed = queue.advance(10 * MINUTE);
    expect(resumed.reply.expired).to.equal(3);
    expect(effectsOfType(resumed.effects, 'offerEnded').map((e) => e.entryId)).to.deep.equal([ann.id, bob.id, cat.id]);
    expect(entryView(queue.state, dan.id)!.status).to.equal('offered');
  });

  it('hands an offer that is given back to the next in line', () => {
    const queue = new TestQueue({ totalTickets: 1 });
    const ann = queue.join('ann').reply.entry;
    const bob = queue.join('bob').reply.entry;
    const left = queue.must({ type: 'leave', userId: 'ann' });
    expect(left.reply.entry.status).to.equal('left');
    expect(effectsOfType(left.effects, 'offerEnded')).to.deep.equal([{ type: 'offerEnded', entryId: ann.id, offerId: `${ann.id}-o`, reason: 'left' }]);
    expect(entryOfUser(queue.state, 'bob')).to.include({ id: bob.id, status: 'offered' });
  });

  it('has no deadline to wake up for when no offer is live', () => {
    const queue = new TestQueue({ totalTickets: 1 });
    expect(nextDeadline(queue.state)).to.equal(null);
    const ann = queue.join('ann').reply.entry;
    queue.pay(ann.id);
    expect(nextDeadline(queue.state)).to.equal(null);
  });

  it('uses a changed offer window for new offers only; live deadlines stay as they were', () => {
    const queue = new TestQueue({ totalTickets: 1, offerWindowSec: 600 });
    const ann = queue.join('ann').reply.entry;
    queue.join('bob');
    queue.must({ type: 'configure', patch: { offerWindowSec: 60 } });
    expect(entryView(queue.state, ann.id)!.offerExpiresAt).to.equal(ann.offerExpiresAt);
    queue.advance(600_000);
    expect(entryOfUser(queue.state, 'bob')!.offerExpiresAt).to.equal(queue.clock + MINUTE);
  });
});
