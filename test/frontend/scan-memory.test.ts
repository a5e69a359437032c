import { expect } from 'chai';
import { ScanMemory } from '../../frontend/src/lib/scanMemory.js';

/** The door scanner's memory (frontend/src/lib/scanMemory.ts), on a clock the test moves. */
describe('frontend: the scanner submits a code once while it stays in view', () => {
  it('does not submit a code again while the camera keeps seeing it, however long', () => {
    const memory = new ScanMemory(10_000);
    expect(memory.isNew('ABCD', 0)).to.equal(true);
    // Decoded several times a second for a minute: never new again.
    for (let t = 150; t <= 60_000; t += 150) expect(memory.isNew('ABCD', t), `at ${t} ms`).to.equal(false);
  });

  it('submits it again only after it has been out of view for the quiet time', () => {
    const memory = new ScanMemory(10_000);
    expect(memory.isNew('ABCD', 0)).to.equal(true);
    expect(memory.isNew('ABCD', 9_999)).to.equal(false);
    // Last seen at 9,999 ms: a sighting 10 s after that is a new presentation.
    expect(memory.isNew('ABCD', 19_998)).to.equal(false);
    expect(memory.isNew('ABCD', 29_998)).to.equal(true);
  });

  it('submits a different code at once (the next guest)', () => {
    const memory = new ScanMemory(10_000);
    expect(memory.isNew('ABCD', 0)).to.equal(true);
    expect(memory.isNew('EFGH', 100)).to.equal(true);
    expect(memory.isNew('ABCD', 200)).to.equal(false);
  });

  it('submits a code again at its next sighting once its submission failed', () => {
    const memory = new ScanMemory(10_000);
    expect(memory.isNew('ABCD', 0)).to.equal(true);
    memory.forget('ABCD');
    expect(memory.isNew('ABCD', 150)).to.equal(true);
    expect(memory.isNew('ABCD', 300)).to.equal(false);
  });
});
