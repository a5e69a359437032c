/**
 * The journal's group commit (backend/src/queue/persistence/write-queue.ts), with a sink that
 * records what it is asked to write and answers when the test says so.
 */
import { expect } from 'chai';
import type { PersistedEvent } from '../../backend/src/queue/persistence/persisted.js';
import { WriteQueue } from '../../backend/src/queue/persistence/write-queue.js';

const event = (n: number): PersistedEvent => ({ data: { n }, sequenceNumber: n, key: 'ev', tags: [], createdAt: n, isDeleted: false });
/** After the queue's own setImmediate and the microtasks it starts, before a 1 ms timer. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

class RecordingSink {
  readonly batches: number[][] = [];
  /** The snapshots asked for (their seq), in order. */
  readonly snapshots: number[] = [];
  private pending: Array<() => void> = [];
  private pendingSnapshot: Array<() => void> = [];
  constructor(private readonly holdSnapshots = false) {}
  async writeEvents(events: PersistedEvent[]): Promise<void> {
    this.batches.push(events.map((e) => e.sequenceNumber));
    await new Promise<void>((resolve) => this.pending.push(resolve));
  }
  async writeSnapshot(seq: number): Promise<void> {
    this.snapshots.push(seq);
    if (this.holdSnapshots) await new Promise<void>((resolve) => this.pendingSnapshot.push(resolve));
  }
  onBroken(): void {}
  /** The write in flight is durable. */
  finish(): void {
    this.pending.shift()?.();
  }
  /** The snapshot in flight is stored. */
  finishSnapshot(): void {
    this.pendingSnapshot.shift()?.();
  }
}

describe('queue: group commit of journal writes', () => {
  it('writes at once on a quiet event', async () => {
    const sink = new RecordingSink();
    const queue = new WriteQueue(100, sink);
    const durable = queue.appendEvent(event(1));
    await nextTurn();
    expect(sink.batches).to.deep.equal([[1]]);
    sink.finish();
    await durable;
  });

  it('while events keep coming, holds the next write back a moment to gather more into it', async () => {
    const sink = new RecordingSink();
    // A longer linger than the default 1 ms, so a busy test machine cannot make the test flaky.
    const queue = new WriteQueue(100, sink, { lingerMs: 50 });
    const first = queue.appendEvent(event(1));
    await nextTurn();
    const during = [2, 3, 4].map((n) => queue.appendEvent(event(n)));
    sink.finish();
    await first;
    // The first write has just ended: the next one lingers, so these arrive in time to join it.
    await nextTurn();
    const justAfter = [5, 6].map((n) => queue.appendEvent(event(n)));
    while (sink.batches.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(sink.batches).to.deep.equal([[1], [2, 3, 4, 5, 6]]);
    sink.finish();
    await Promise.all([...during, ...justAfter]);
    await queue.idle();
  });

  it('does not hold back a write that is already large, nor linger when told not to', async () => {
    for (const [options, lingerBelow] of [[{ lingerBelow: 3 }, 3] as const, [{ lingerMs: 0 }, 64] as const]) {
      const sink = new RecordingSink();
      const queue = new WriteQueue(100, sink, options);
      const first = queue.appendEvent(event(1));
      await nextTurn();
      const next = Array.from({ length: Math.min(lingerBelow, 3) }, (_, k) => queue.appendEvent(event(k + 2)));
      sink.finish();
      await first;
      await nextTurn();
      expect(sink.batches, JSON.stringify(options)).to.deep.equal([[1], [2, 3, 4]]);
      sink.finish();
      await Promise.all(next);
    }
  });

  it('still acknowledges each event only once its batch is durable, in order', async () => {
    const sink = new RecordingSink();
    const queue = new WriteQueue(100, sink);
    const acknowledged: number[] = [];
    const all = [1, 2, 3].map((n) => queue.appendEvent(event(n)).then(() => acknowledged.push(n)));
    await nextTurn();
    expect(acknowledged).to.deep.equal([]);
    sink.finish();
    await Promise.all(all);
    expect(acknowledged).to.deep.equal([1, 2, 3]);
  });

  it('starts a snapshot once the events before it are durable, and does not hold the later events behind it', async () => {
    const sink = new RecordingSink(true);
    const queue = new WriteQueue(100, sink, { lingerMs: 0 });
    const before = [1, 2].map((n) => queue.appendEvent(event(n)));
    const snapshot = queue.appendSnapshot(2, 2, '{}');
    const after = queue.appendEvent(event(3));
    await nextTurn();
    // The batch stops at the snapshot, which waits for it.
    expect(sink.batches).to.deep.equal([[1, 2]]);
    expect(sink.snapshots).to.deep.equal([]);
    sink.finish();
    await Promise.all(before);
    await nextTurn();
    // The snapshot is being written; the event after it is written meanwhile and acknowledged.
    expect(sink.snapshots).to.deep.equal([2]);
    expect(sink.batches).to.deep.equal([[1, 2], [3]]);
    sink.finish();
    await after;
    let idle = false;
    const idled = queue.idle().then(() => (idle = true));
    await nextTurn();
    expect(idle, 'idle while the snapshot is still being written').to.equal(false);
    sink.finishSnapshot();
    await snapshot;
    await idled;
  });

  it('writes one snapshot at a time, in order', async () => {
    const sink = new RecordingSink(true);
    const queue = new WriteQueue(100, sink, { lingerMs: 0 });
    const first = queue.appendSnapshot(1, 1, '{}');
    const second = queue.appendSnapshot(2, 2, '{}');
    await nextTurn();
    expect(sink.snapshots).to.deep.equal([1]);
    sink.finishSnapshot();
    await first;
    await nextTurn();
    expect(sink.snapshots).to.deep.equal([1, 2]);
    sink.finishSnapshot();
    await second;
    await queue.idle();
  });
});
