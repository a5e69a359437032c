import { expect } from 'chai';
import { apply, availability, createState, entryOfUser, entryView } from '../../../backend/src/queue/core/index.js';
import { effectsOfType, TestQueue } from './helpers.js';

describe('queue core: the line', () => {
  it('places buyers FIFO by join order, 1-based, counting only waiting entries', () => {
    const queue = new TestQueue({ totalTickets: 0 });
    const ids = ['ann', 'bob', 'cat', 'dan'].map((user) => queue.join(user).reply.entry.id);
    expect(ids.map((id) => entryView(queue.state, id)!.position)).to.deep.equal([1, 2, 3, 4]);
    expect(entryView(queue.state, ids[3]!)!.ahead).to.equal(3);

    queue.must({ type: 'leave', userId: 'bob' });
    expect(ids.map((id) => entryView(queue.state, id)!.position)).to.deep.equal([1, undefined, 2, 3]);
  });

  it('never reuses or reorders places: a newcomer goes behind everyone, even after others left', () => {
    const queue = new TestQueue({ totalTickets: 0 });
    queue.join('ann');
    queue.join('bob');
    queue.must({ type: 'leave', userId: 'ann' });
    const cat = queue.join('cat').reply.entry;
    expect(cat.position).to.equal(2);
    expect(entryOfUser(queue.state, 'bob')!.position).to.equal(1);
  });

  it('keeps one live entry per buyer: joining again returns the existing entry and changes nothing', () => {
    const queue = new TestQueue({ totalTickets: 0 });
    const first = queue.join('ann', 2).reply.entry;
    const again = queue.must({ type: 'join', entryId: 'another-id', userId: 'ann', quantity: 3 });
    expect(again.reply.existing).to.equal(true);
    expect(again.reply.entry).to.deep.equal(first);
    expect(again.effects).to.deep.equal([]);
    expect(entryView(queue.state, 'another-id')).to.equal(undefined);
    expect(availability(queue.state, queue.clock).waiting).to.equal(1);
  });

  it('lets a buyer join again once their entry has ended', () => {
    const queue = new TestQueue({ totalTickets: 0 });
    const first = queue.join('ann').reply.entry;
    queue.must({ type: 'leave', userId: 'ann' });
    const second = queue.join('ann').reply;
    expect(second.existing).to.equal(false);
    expect(second.entry.id).to.not.equal(first.id);
    expect(entryOfUser(queue.state, 'ann')!.id).to.equal(second.entry.id);
    expect(entryView(queue.state, first.id)!.status).to.equal('left');
  });

  it('takes quantities from 1 to maxPerBuyer only', () => {
    const queue = new TestQueue({ maxPerBuyer: 4 });
    for (const quantity of [0, 5, 1.5, -1]) {
      const result = queue.run({ type: 'join', entryId: `e${quantity}`, userId: 'ann', quantity });
      expect(result.ok ? 'ok' : result.error.code, `quantity ${quantity}`).to.equal('invalid_request');
    }
    expect(queue.join('ann', 4).reply.entry.quantity).to.equal(4);
  });

  it('still queues buyers when sold out, since capacity can grow, and says it is sold out', () => {
    const queue = new TestQueue({ totalTickets: 1 });
    const ann = queue.join('ann').reply.entry;
    queue.pay(ann.id);
    const bob = queue.join('bob').reply;
    expect(bob.entry.status).to.equal('waiting');
    expect(bob.availability).to.include({ soldOut: true, free: 0, sold: 1, waiting: 1 });
  });

  it('rejects a taken entry id instead of overwriting another buyer', () => {
    const queue = new TestQueue({ totalTickets: 0 });
    queue.must({ type: 'join', entryId: 'same', userId: 'ann', quantity: 1 });
    const result = queue.run({ type: 'join', entryId: 'same', userId: 'bob', quantity: 1 });
    expect(result.ok || result.error.code).to.equal('conflict');
  });

  it('lets a waiting buyer leave, and answers not_found when there is nothing to leave', () => {
    const queue = new TestQueue({ totalTickets: 0 });
    queue.join('ann');
    const left = queue.must({ type: 'leave', userId: 'ann' });
    expect(left.reply.entry.status).to.equal('left');
    expect(effectsOfType(left.effects, 'entryChanged')).to.have.length(1);
    expect(effectsOfType(left.effects, 'availabilityChanged')).to.have.length(1);
    const again = queue.run({ type: 'leave', userId: 'ann' });
    expect(again.ok || again.error.code).to.equal('not_found');
    const stranger = queue.run({ type: 'leave', userId: 'zed' });
    expect(stranger.ok || stranger.error.code).to.equal('not_found');
  });

  it('reports every join to its buyer and to watchers (queue length changed)', () => {
    const queue = new TestQueue({ totalTickets: 0 });
    const { reply, effects } = queue.join('ann');
    expect(effects).to.deep.equal([{ type: 'entryChanged', entryId: reply.entry.id }, { type: 'availabilityChanged' }]);
    expect(reply.entry).to.include({ eventId: 'ev1', userId: 'ann', quantity: 1, status: 'waiting', joinedAt: queue.clock });
  });

  it('answers not_found for any command before the queue is created', () => {
    const result = apply(createState(), { type: 'join', entryId: 'e', userId: 'u', quantity: 1 }, 0);
    expect(result.ok || result.error.code).to.equal('not_found');
  });
});
