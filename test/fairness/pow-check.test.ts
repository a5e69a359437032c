import { verifySolution } from 'altcha-lib/v1';
import { expect } from 'chai';
import type { EventDoc } from '../../backend/src/events/event-doc.js';
import { PowPolicy } from '../../backend/src/fairness/pow-policy.js';
import { ProofOfWork } from '../../backend/src/fairness/proof-of-work.js';
import { createLogger } from '../../backend/src/logger.js';
import { UsedProofs } from '../../backend/src/fairness/used-proofs.js';
import { solve } from './solve-pow.js';

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

describe('fairness: checking a proof', () => {
  it("accepts exactly what altcha-lib's own verifySolution accepts, and refuses an expired proof", async () => {
    const clock = { now: Date.UTC(2030, 0, 1) };
    const events = { get: async () => ({ powMode: 'on', availability: { waiting: 0 } }) as EventDoc };
    const key = 'unit-test-key-0123456789';
    const config = {
      POW_HMAC_KEY: key,
      CLUSTER_SECRET: undefined,
      POW_MAX_NUMBER: 500,
      POW_CHALLENGE_TTL_SEC: 120,
      POW_AUTO_WAITING: 0,
      POW_AUTO_JOINS_PER_SEC: 0,
    };
    const pow = new ProofOfWork(config, events as never, createLogger('silent'), () => clock.now);

    const proof = solve(await pow.challenge('ev', 'u1'));
    const forged = JSON.parse(Buffer.from(proof, 'base64').toString());
    forged.number += 1;
    const forgedProof = Buffer.from(JSON.stringify(forged)).toString('base64');
    expect(await verifySolution(proof, key, false)).to.equal(true);
    expect(await verifySolution(forgedProof, key, false)).to.equal(false);

    const refusal = (p: string, user = 'u1') =>
      pow.checkJoin('ev', user, p).then(
        () => null,
        (err) => err.details.reason,
      );
    expect(await refusal(forgedProof)).to.equal('invalid');
    expect(await refusal(proof)).to.equal(null);
    expect(await refusal(proof)).to.equal('replayed');

    const late = solve(await pow.challenge('ev', 'u2'));
    clock.now += 121_000;
    expect(await refusal(late, 'u2')).to.equal('expired');
  });
});
