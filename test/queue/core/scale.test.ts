import { expect } from 'chai';
import { apply, availability, createState, decodeSnapshot, encodeSnapshot, entryOfUser, entryView } from '../../../backend/src/queue/core/index.js';
import { baseConfig, T0 } from './helpers.js';

const BUYERS = 100_000;

describe('queue core: a rush of 100,000 buyers', function () {
  this.timeout(60_000);

  it('keeps every position exact through joins, leaves and offers, and survives a snapshot', () => {
    const state = createState();
    apply(state, { type: 'create', eventId: 'rush', config: { ...baseConfig, totalTickets: 1000 } }, T0);
    for (let i = 0; i < BUYERS; i++) {
      const result = apply(state, { type: 'join', entryId: `e${i}`, userId: `u${i}`, quantity: 1 }, T0 + i);
      if (!result.ok) throw new Error(result.error.message);
    }
    // The first 1000 hold offers; every third of the rest leaves.
    for (let i = 1000; i < BUYERS; i += 3) apply(state, { type: 'leave', userId: `u${i}` }, T0 + BUYERS);

    // Buyer i (who stayed) is behind the (i - 1000) buyers joined after the offers, less those who left.
    const expectedPosition = (i: number) => i - 1000 + 1 - (Math.floor((i - 1000) / 3) + 1);
    for (const i of [1001, 1002, 5000, 77_777, BUYERS - 1]) {
      expect(entryOfUser(state, `u${i}`)!.position, `buyer ${i}`).to.equal(expectedPosition(i));
    }
    expect(entryView(state, 'e1000')!.status).to.equal('left');
    expect(entryView(state, 'e999')!.status).to.equal('offered');
    const waiting = BUYERS - 1000 - Math.ceil((BUYERS - 1000) / 3);
    expect(availability(state, 0)).to.include({ held: 1000, free: 0, waiting });

    const copy = decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(state))));
    for (const i of [0, 1001, 50_000, BUYERS - 1]) expect(entryView(copy, `e${i}`)).to.deep.equal(entryView(state, `e${i}`));
    expect(availability(copy, 0)).to.deep.equal(availability(state, 0));
  });
});
