import { expect } from 'chai';
import type { EventDoc } from '../../backend/src/events/event-doc.js';
import { PowPolicy } from '../../backend/src/fairness/pow-policy.js';
import { UsedProofs } from '../../backend/src/fairness/used-proofs.js';

function policyFor(doc: Partial<EventDoc>, clock: { now: number }) {
  const events = { get: async () => ({ powMode: 'auto', availability: { waiting: 0 }, ...doc }) as EventDoc };
  return new PowPolicy(events, { autoWaiting: 100, autoJoinsPerSec: 5 }, () => clock.now);
}

describe('fairness: when proof-of-work is required', () => {
  it('always with mode on, never with mode off or on older events without a mode', async () => {
    const clock = { now: 0 };
    expect(await policyFor({ powMode: 'on' }, clock).required('ev')).to.equal(true);
    expect(await policyFor({ powMode: 'off' }, clock).required('ev')).to.equal(false);
    expect(await policyFor({ powMode: undefined }, clock).required('ev')).to.equal(false);
  });

  it('with mode auto, while the line is long', async () => {
    const clock = { now: 0 };
    expect(await policyFor({ availability: { waiting: 99 } as EventDoc['availability'] }, clock).required('ev')).to.equal(false);
    expect(await policyFor({ availability: { waiting: 100 } as EventDoc['availability'] }, clock).required('ev')).to.equal(true);
  });

  it('with mode auto, while joins arrive fast, and no longer once they slow down', async () => {
    const clock = { now: 1_000_000 };
    const policy = policyFor({}, clock);
    for (let i = 0; i < 40; i++) {
      policy.noteJoin('ev');
      clock.now += 100; // 10 joins a second
    }
    expect(await policy.required('ev')).to.equal(true);
    clock.now += 30_000;
    policy.noteJoin('ev'); // a new window starts; the last one's rate is remembered
    clock.now += 30_000;
    policy.noteJoin('ev');
    expect(await policy.required('ev')).to.equal(false);
  });
});

describe('fairness: used proofs', () => {
  it('refuses a proof the second time until its challenge expires, then forgets it', () => {
    const clock = { now: 0 };
    const used = new UsedProofs(() => clock.now);
    expect(used.use('sig-a', 120_000)).to.equal(true);
    expect(used.use('sig-a', 120_000)).to.equal(false);
    expect(used.use('sig-b', 130_000)).to.equal(true);
    clock.now = 125_000;
    expect(used.use('sig-c', 245_000)).to.equal(true);
    expect(used.size, 'sig-a pruned once expired').to.equal(2);
  });
});
