/** docs/domain.md, Joining with types: sale windows, per-buyer limits and codes given back, in the core. */
import { expect } from 'chai';
import { entryOfUser, nextDeadline, type TypeConfig } from '../../../backend/src/queue/core/index.js';
import { MINUTE, T0, TestQueue } from './helpers.js';

const type = (id: string, patch: Partial<TypeConfig> = {}): TypeConfig => ({
  id,
  name: id,
  description: '',
  price: 1000,
  capacity: 5,
  maxPerBuyer: 10,
  salesStartAt: null,
  salesEndAt: null,
  hidden: false,
  ...patch,
});

describe('queue core: ticket type windows and limits', () => {
  it('offers a type when its window opens (nextDeadline arms the timer), and tells the waiting when a window closes', () => {
    const queue = new TestQueue({
      types: [type('early'), type('late', { capacity: 4, salesStartAt: T0 + 10 * MINUTE, salesEndAt: T0 + 20 * MINUTE })],
      capacity: null,
    });
    const late = queue.must({ type: 'join', entryId: 'e1', userId: 'ann', items: [{ typeId: 'late', quantity: 1 }] }).reply.entry;
    expect(late.status, 'not before its window').to.equal('waiting');
    const early = queue.must({ type: 'join', entryId: 'e2', userId: 'bob', items: [{ typeId: 'early', quantity: 1 }] }).reply.entry;
    expect(early.status, 'another type is not held up').to.equal('offered');
    expect(nextDeadline(queue.state)).to.equal(T0 + 10 * MINUTE);
    queue.clock = T0 + 10 * MINUTE;
    queue.must({ type: 'expire' });
    expect(entryOfUser(queue.state, 'ann')!.status).to.equal('offered');

    const cat = queue.must({ type: 'join', entryId: 'e3', userId: 'cat', items: [{ typeId: 'late', quantity: 4 }] }).reply.entry;
    expect(cat.status, 'three free, one held: waits for it').to.equal('waiting');
    expect(nextDeadline(queue.state)).to.equal(T0 + 20 * MINUTE);
    queue.clock = T0 + 20 * MINUTE;
    const closed = queue.must({ type: 'expire' });
    expect(closed.effects).to.deep.include({ type: 'typesSoldOut', typeIds: ['late'] });
    expect(entryOfUser(queue.state, 'cat')).to.deep.include({ status: 'waiting', unavailableTypeIds: ['late'], soldOut: true });
    expect(queue.run({ type: 'join', entryId: 'e4', userId: 'dan', items: [{ typeId: 'late', quantity: 1 }] })).to.deep.include({ ok: false });
  });

  it("caps a type at its own max per buyer and the order at the event's", () => {
    const queue = new TestQueue({ maxPerBuyer: 3, types: [type('a', { maxPerBuyer: 1 }), type('b')], capacity: null });
    expect(queue.run({ type: 'join', entryId: 'e1', userId: 'ann', items: [{ typeId: 'a', quantity: 2 }] })).to.deep.include({ ok: false });
    const over = queue.run({
      type: 'join',
      entryId: 'e1',
      userId: 'ann',
      items: [
        { typeId: 'a', quantity: 1 },
        { typeId: 'b', quantity: 3 },
      ],
    });
    expect(over.ok).to.equal(false);
    expect(
      queue.run({
        type: 'join',
        entryId: 'e1',
        userId: 'ann',
        items: [
          { typeId: 'a', quantity: 1 },
          { typeId: 'b', quantity: 2 },
        ],
      }).ok,
    ).to.equal(true);
  });

  it('gives a code use back when the offer expires unpaid, and counts it used when paid', () => {
    const queue = new TestQueue({ types: [type('a')], capacity: null });
    queue.must({
      type: 'putCode',
      code: { id: 'c', code: 'ONCE', kind: 'discount', typeIds: [], amountOff: 300, maxUses: 1, validFrom: null, validUntil: null },
    });
    const ann = queue.must({ type: 'join', entryId: 'e1', userId: 'ann', items: [{ typeId: 'a', quantity: 2 }], discountCode: 'once' }).reply.entry;
    expect(ann).to.deep.include({ amount: 1400, discountCode: 'ONCE' });
    expect(queue.run({ type: 'join', entryId: 'e2', userId: 'bob', items: [{ typeId: 'a', quantity: 1 }], discountCode: 'ONCE' })).to.deep.include({
      ok: false,
    });
    queue.clock += 11 * MINUTE;
    queue.must({ type: 'expire' });
    expect(queue.state.codes.get('c')).to.include({ used: 0, held: 0 });
    const bob = queue.must({ type: 'join', entryId: 'e2', userId: 'bob', items: [{ typeId: 'a', quantity: 1 }], discountCode: 'ONCE' }).reply.entry;
    queue.pay(bob.id, { amountPaid: 700 });
    expect(queue.state.codes.get('c')).to.include({ used: 1, held: 0 });
  });
});
