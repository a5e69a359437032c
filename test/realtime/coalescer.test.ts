import { expect } from 'chai';
import { Coalescer } from '../../backend/src/realtime/coalescer.js';
import { availabilityIntervalMs, positionsIntervalMs } from '../../backend/src/realtime/realtime-hub.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('realtime: coalescing pushes per event', () => {
  it('flushes a burst of a thousand changes once', async () => {
    const flushed: string[] = [];
    const coalescer = new Coalescer(async (key) => void flushed.push(key), { intervalMs: 50, leadMs: 5 });
    for (let i = 0; i < 1000; i++) coalescer.mark('event-a');
    await sleep(120);
    expect(flushed).to.deep.equal(['event-a']);
    coalescer.close();
  });

  it('keeps events apart: each changed event gets its own flush', async () => {
    const flushed: string[] = [];
    const coalescer = new Coalescer(async (key) => void flushed.push(key), { intervalMs: 50, leadMs: 5 });
    coalescer.mark('a');
    coalescer.mark('b');
    coalescer.mark('a');
    await sleep(40);
    expect(flushed.sort()).to.deep.equal(['a', 'b']);
    coalescer.close();
  });

  it('flushes once more for changes made during a flush, and never runs two flushes of one event at once', async () => {
    let running = 0;
    let overlapped = false;
    let flushes = 0;
    let release!: () => void;
    const coalescer = new Coalescer(
      async () => {
        running += 1;
        overlapped ||= running > 1;
        flushes += 1;
        if (flushes === 1) await new Promise<void>((r) => (release = r));
        running -= 1;
      },
      { intervalMs: 20, leadMs: 1 },
    );
    coalescer.mark('a');
    await sleep(30);
    expect(flushes).to.equal(1);
    for (let i = 0; i < 50; i++) coalescer.mark('a');
    await sleep(60);
    expect(flushes, 'no second flush while the first runs').to.equal(1);
    release();
    await sleep(80);
    expect(flushes).to.equal(2);
    expect(overlapped).to.equal(false);
    coalescer.close();
  });

  it('waits at least the interval between two flushes of an event that keeps changing', async () => {
    const times: number[] = [];
    const coalescer = new Coalescer(async () => void times.push(Date.now()), { intervalMs: 60, leadMs: 1 });
    const until = Date.now() + 250;
    while (Date.now() < until) {
      coalescer.mark('a');
      await sleep(5);
    }
    await sleep(100);
    coalescer.close();
    expect(times.length).to.be.within(2, 6);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).to.be.at.least(55);
  });

  it('forgets an event once it has been quiet for an interval', async () => {
    const coalescer = new Coalescer(async () => undefined, { intervalMs: 20, leadMs: 1 });
    coalescer.mark('a');
    expect(coalescer.size).to.equal(1);
    await sleep(80);
    expect(coalescer.size).to.equal(0);
    coalescer.close();
  });

  it('survives a failing flush and flushes the next change', async () => {
    let calls = 0;
    const coalescer = new Coalescer(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
      },
      { intervalMs: 10, leadMs: 1 },
    );
    coalescer.mark('a');
    await sleep(30);
    coalescer.mark('a');
    await sleep(40);
    expect(calls).to.equal(2);
    coalescer.close();
  });
  it('gives each event its own beat when the interval is a function of the event', async () => {
    const flushed: string[] = [];
    const coalescer = new Coalescer(async (key) => void flushed.push(key), { intervalMs: (key) => (key === 'crowded' ? 150 : 15), leadMs: 1 });
    const until = Date.now() + 300;
    while (Date.now() < until) {
      coalescer.mark('crowded');
      coalescer.mark('quiet');
      await sleep(5);
    }
    await sleep(200);
    coalescer.close();
    const count = (key: string) => flushed.filter((k) => k === key).length;
    // At most one flush per 150 ms over ≈ 300 ms of changes; the quiet event's beat is ten times faster.
    expect(count('crowded')).to.be.within(1, 4);
    expect(count('quiet')).to.be.at.least(2 * count('crowded'));
  });

  it("slows an event's position flushes as its audience grows, keeping the work per second bounded", () => {
    expect(positionsIntervalMs(0)).to.equal(300);
    expect(positionsIntervalMs(3_000)).to.equal(300);
    expect(positionsIntervalMs(5_000)).to.equal(500);
    expect(positionsIntervalMs(10_000)).to.equal(1_000);
    expect(positionsIntervalMs(1_000_000)).to.equal(2_000);
  });

  it("slows an event's availability broadcasts as its open pages grow, never beyond a few seconds", () => {
    expect(availabilityIntervalMs(0)).to.equal(1_000);
    expect(availabilityIntervalMs(5_000)).to.equal(1_000);
    expect(availabilityIntervalMs(7_500)).to.equal(1_500);
    expect(availabilityIntervalMs(10_000)).to.equal(2_000);
    expect(availabilityIntervalMs(1_000_000)).to.equal(3_000);
  });
});
