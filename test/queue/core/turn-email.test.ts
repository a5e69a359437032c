import { expect } from 'chai';
import { decodeSnapshot, encodeSnapshot, type QueueState } from '../../../backend/src/queue/core/index.js';
import { effectsOfType, TestQueue } from './helpers.js';

const roundTrip = (state: QueueState): QueueState => decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(state))));
const asks = (state: QueueState) => state.entries.map((entry) => entry.turnEmail);

/** Joins `userId` with turnEmail as given (undefined: a join from a journal written before joins recorded it). */
function joinAsking(queue: TestQueue, userId: string, turnEmail: boolean | undefined) {
  return queue.must({ type: 'join', entryId: `e-${userId}`, userId, quantity: 1, ...(turnEmail === undefined ? {} : { turnEmail }) });
}

describe('queue core: who asked for a "your turn" email', () => {
  it('records the ask on the entry and carries it on the offer, leaving it out where it is unknown', () => {
    const queue = new TestQueue({ totalTickets: 3 });
    const offers = [true, false, undefined].map((ask, i) => effectsOfType(joinAsking(queue, `u${i}`, ask).effects, 'offerMade')[0]!);
    expect(offers.map((offer) => offer.turnEmail)).to.deep.equal([true, false, undefined]);
    expect(offers[2]).to.not.have.property('turnEmail');
    expect(asks(queue.state)).to.deep.equal([true, false, undefined]);
  });

  it('takes an ask made by joining again: the entry keeps its place and will be emailed', () => {
    const queue = new TestQueue({ totalTickets: 1 });
    joinAsking(queue, 'first', false);
    const waiting = joinAsking(queue, 'second', false);
    const again = queue.must({ type: 'join', entryId: 'e-second-again', userId: 'second', quantity: 1, turnEmail: true });
    expect(again.reply.existing).to.equal(true);
    expect(again.reply.entry.id).to.equal(waiting.reply.entry.id);
    // The ask changed the entry, so the shell journals it; asking once more, or joining again
    // without asking (which takes nothing back), changes nothing and is not journaled.
    expect(again).to.not.have.property('unchanged');
    expect(queue.must({ type: 'join', entryId: 'e-second-ask-again', userId: 'second', quantity: 1, turnEmail: true }).unchanged).to.equal(true);
    expect(queue.must({ type: 'join', entryId: 'e-second-third', userId: 'second', quantity: 1, turnEmail: false }).unchanged).to.equal(true);
    expect(joinAsking(queue, 'third', false)).to.not.have.property('unchanged');
    const { effects } = queue.must({ type: 'leave', userId: 'first' });
    expect(effectsOfType(effects, 'offerMade')).to.have.length(1);
    expect(effectsOfType(effects, 'offerMade')[0]).to.include({ entryId: waiting.reply.entry.id, turnEmail: true });
  });

  it('keeps asked, not asked and unknown through a snapshot', () => {
    const queue = new TestQueue({ totalTickets: 2 });
    const pattern = [undefined, undefined, true, false, false, undefined, true, undefined];
    pattern.forEach((ask, i) => joinAsking(queue, `u${i}`, ask));
    const snapshot = encodeSnapshot(queue.state);
    expect(snapshot.turnEmail).to.deep.equal({ asked: [2, 6], unknown: [0, 2, 5, 6, 7, 8] });
    expect(asks(roundTrip(queue.state))).to.deep.equal(pattern);
  });

  it('reads a snapshot from before asks were recorded as every entry unknown', () => {
    const queue = new TestQueue({ totalTickets: 2 });
    [true, false, true].forEach((ask, i) => joinAsking(queue, `u${i}`, ask));
    const { turnEmail: _recorded, ...older } = encodeSnapshot(queue.state);
    expect(asks(decodeSnapshot(JSON.parse(JSON.stringify(older))))).to.deep.equal([undefined, undefined, undefined]);
  });

  it('refuses ranges and asks that name no entries', () => {
    const queue = new TestQueue({ totalTickets: 2 });
    [true, false].forEach((ask, i) => joinAsking(queue, `u${i}`, ask));
    const good = encodeSnapshot(queue.state);
    for (const turnEmail of [
      { asked: [5], unknown: [] },
      { asked: [], unknown: [0] },
      { asked: [], unknown: [1, 3] },
      { asked: [], unknown: [1, 1] },
      { asked: ['0'], unknown: [] },
    ]) {
      expect(() => decodeSnapshot(JSON.parse(JSON.stringify({ ...good, turnEmail })))).to.throw(/invalid queue snapshot/);
    }
  });
});
