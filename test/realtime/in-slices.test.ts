import { expect } from 'chai';
import { BROADCAST_SLICE, inSlices } from '../../backend/src/realtime/in-slices.js';

describe('realtime: a broadcast to a big room, written in slices', () => {
  it('sends to every target once, in order, in slices of the given size', async () => {
    const targets = Array.from({ length: 1_234 }, (_, i) => `socket-${i}`);
    const slices: string[][] = [];
    await inSlices(targets, (slice) => slices.push(slice), 500);
    expect(slices.map((s) => s.length)).to.deep.equal([500, 500, 234]);
    expect(slices.flat()).to.deep.equal(targets);
  });

  it('lets work that became ready run between slices, not after the whole broadcast', async () => {
    const order: string[] = [];
    const targets = Array.from({ length: 3 * BROADCAST_SLICE }, (_, i) => `socket-${i}`);
    // Ready before the broadcast starts, as a request's I/O would be: it must not wait for all 1,500 sockets.
    setImmediate(() => order.push('other work'));
    await inSlices(targets, (slice) => order.push(`slice of ${slice.length}`));
    expect(order).to.deep.equal([`slice of ${BROADCAST_SLICE}`, 'other work', `slice of ${BROADCAST_SLICE}`, `slice of ${BROADCAST_SLICE}`]);
  });

  it('sends nothing to an empty room', async () => {
    let sends = 0;
    await inSlices([], () => sends++);
    expect(sends).to.equal(0);
  });
});
