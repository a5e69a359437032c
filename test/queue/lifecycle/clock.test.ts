import { expect } from 'chai';
import { ActorTimer } from '../../../backend/src/queue/actor-timer.js';
import { SimulatedClock } from '../../../backend/src/queue/clock.js';

describe('queue lifecycle: the simulated clock and the actor timer', () => {
  it('fires due timers in time order, at their own time, including ones set while advancing', () => {
    const clock = new SimulatedClock(1_000);
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['b', clock.now()]), 200);
    clock.setTimeout(() => {
      fired.push(['a', clock.now()]);
      clock.setTimeout(() => fired.push(['a2', clock.now()]), 50);
    }, 100);
    clock.setTimeout(() => fired.push(['late', clock.now()]), 500);
    clock.advance(300);
    expect(fired).to.deep.equal([
      ['a', 1_100],
      ['a2', 1_150],
      ['b', 1_200],
    ]);
    expect(clock.now()).to.equal(1_300);
    expect(clock.pending).to.equal(1);
  });

  it('never fires a cleared timer', () => {
    const clock = new SimulatedClock();
    let fired = false;
    clock.clearTimeout(clock.setTimeout(() => (fired = true), 10));
    clock.advance(1_000);
    expect(fired).to.equal(false);
  });

  it('keeps one timer per actor: re-arming replaces it, null and stop clear it', () => {
    const clock = new SimulatedClock(0);
    const fires: number[] = [];
    const timer = new ActorTimer(clock, () => fires.push(clock.now()));
    timer.arm(500);
    timer.arm(200);
    expect(clock.pending).to.equal(1);
    clock.advance(1_000);
    expect(fires).to.deep.equal([200]);
    timer.arm(1_500);
    timer.arm(null);
    clock.advance(1_000);
    expect(fires).to.deep.equal([200]);
    timer.arm(2_100);
    timer.stop();
    timer.arm(2_200); // a stopped actor's timer stays off
    clock.advance(1_000);
    expect(fires).to.deep.equal([200]);
    expect(clock.pending).to.equal(0);
  });

  it('keeps the pending timer when re-armed for the same time, and sets a new one once it fired', () => {
    const clock = new SimulatedClock(0);
    let set = 0;
    const setTimeout = clock.setTimeout.bind(clock);
    clock.setTimeout = (fn, ms) => {
      set += 1;
      return setTimeout(fn, ms);
    };
    const fires: number[] = [];
    const timer = new ActorTimer(clock, () => fires.push(clock.now()));
    for (let i = 0; i < 3; i++) timer.arm(500);
    expect(set).to.equal(1);
    clock.advance(600);
    expect(fires).to.deep.equal([500]);
    timer.arm(500); // the same time after it fired: due at once, so set again
    expect(set).to.equal(2);
    clock.advance(0);
    expect(fires).to.deep.equal([500, 600]);
    timer.arm(900);
    timer.arm(null);
    timer.arm(900); // cleared in between: set again
    expect(set).to.equal(4);
    expect(clock.pending).to.equal(1);
  });

  it('fires a past deadline at once and re-checks a far one daily (setTimeout cannot wait weeks)', () => {
    const clock = new SimulatedClock(10_000);
    const fires: number[] = [];
    const timer = new ActorTimer(clock, () => fires.push(clock.now()));
    timer.arm(5_000);
    clock.advance(0);
    expect(fires).to.deep.equal([10_000]);
    timer.arm(10_000 + 60 * 24 * 3600_000);
    clock.advance(24 * 3600_000);
    expect(fires).to.deep.equal([10_000, 10_000 + 24 * 3600_000]);
  });
});
