import { expect } from 'chai';
import { availability, entryOfUser } from '../../../backend/src/queue/core/index.js';
import { MINUTE, offeredEntryIds, T0, TestQueue } from './helpers.js';

describe('queue core: capacity and owner edits', () => {
  it('offers newly added tickets to the line when capacity grows', () => {
    const queue = new TestQueue({ totalTickets: 1 });
    queue.join('ann');
    const bob = queue.join('bob').reply.entry;
    const cat = queue.join('cat', 2).reply.entry;
    const grown = queue.must({ type: 'configure', patch: { totalTickets: 4 } });
    expect(offeredEntryIds(grown.effects)).to.deep.equal([bob.id, cat.id]);
    expect(grown.effects.at(-1)).to.deep.equal({ type: 'availabilityChanged' });
    expect(grown.reply.availability).to.include({ total: 4, held: 4, free: 0 });
  });

  it('shrinks capacity only down to tickets sold plus tickets held by live offers', () => {
    const queue = new TestQueue({ totalTickets: 10 });
    const ann = queue.join('ann', 3).reply.entry;
    queue.join('bob', 2);
    queue.pay(ann.id);

    const tooFar = queue.run({ type: 'configure', patch: { totalTickets: 4 } });
    expect(tooFar.ok).to.equal(false);
    if (!tooFar.ok) {
      expect(tooFar.error.code).to.equal('conflict');
      expect(tooFar.error.message).to.contain('5');
    }
    const shrunk = queue.must({ type: 'configure', patch: { totalTickets: 5 } });
    expect(shrunk.reply.availability).to.include({ total: 5, sold: 3, held: 2, free: 0 });
  });

  it('offers the remainder to a head that a shrink left without any chance of its full quantity', () => {
    const queue = new TestQueue({ totalTickets: 4 });
    queue.join('ann', 1);
    const cat = queue.join('cat', 4).reply.entry;
    expect(cat.status, '3 free + 1 held could still cover 4').to.equal('waiting');
    const shrink = queue.must({ type: 'configure', patch: { totalTickets: 3 } });
    expect(offeredEntryIds(shrink.effects)).to.deep.equal([cat.id]);
    expect(entryOfUser(queue.state, 'cat')).to.include({ status: 'offered', offeredQuantity: 2 });
  });

  it('freezes the on-sale time once sales opened, but lets other fields change', () => {
    const queue = new TestQueue({ salesStartAt: null });
    const moved = queue.run({ type: 'configure', patch: { salesStartAt: T0 + MINUTE } });
    expect(moved.ok || moved.error.code).to.equal('conflict');
    const edited = queue.must({ type: 'configure', patch: { price: 3000, currency: 'eur', maxPerBuyer: 2 } });
    expect(edited.reply.config).to.include({ price: 3000, currency: 'eur', maxPerBuyer: 2 });
    expect(edited.effects, 'no availability number moved').to.deep.equal([]);
  });

  it('lets the owner move the on-sale time before it comes', () => {
    const queue = new TestQueue({ salesStartAt: T0 + 60 * MINUTE });
    queue.must({ type: 'configure', patch: { salesStartAt: T0 + 30 * MINUTE } });
    expect(queue.state.config.salesStartAt).to.equal(T0 + 30 * MINUTE);
  });

  it('accepts a patch that repeats the current values, even on a cancelled event', () => {
    const queue = new TestQueue({ totalTickets: 10 });
    queue.must({ type: 'cancel' });
    const same = queue.must({ type: 'configure', patch: { totalTickets: 10, salesStartAt: null } });
    expect(same.effects).to.deep.equal([]);
    const changed = queue.run({ type: 'configure', patch: { totalTickets: 11 } });
    expect(changed.ok || changed.error.code).to.equal('conflict');
  });

  it('checks edited fields against the domain bounds', () => {
    const queue = new TestQueue();
    for (const patch of [{ maxPerBuyer: 11 }, { offerWindowSec: 30 }, { totalTickets: -1 }, { price: 1.5 }, { currency: '' }]) {
      const result = queue.run({ type: 'configure', patch });
      expect(result.ok || result.error.code, JSON.stringify(patch)).to.equal('invalid_request');
    }
    const cancel = queue.run({ type: 'configure', patch: { cancelled: true } as never });
    expect(cancel.ok || cancel.error.code).to.equal('invalid_request');
  });

  it('applies a lower maxPerBuyer to new joins', () => {
    const queue = new TestQueue({ totalTickets: 0, maxPerBuyer: 4 });
    queue.join('ann', 4);
    queue.must({ type: 'configure', patch: { maxPerBuyer: 2 } });
    expect(entryOfUser(queue.state, 'ann')!.quantity, 'a place already taken keeps its quantity').to.equal(4);
    const bob = queue.run({ type: 'join', entryId: 'b', userId: 'bob', quantity: 3 });
    expect(bob.ok || bob.error.code).to.equal('invalid_request');
    expect(availability(queue.state, queue.clock).waiting).to.equal(1);
  });
});
