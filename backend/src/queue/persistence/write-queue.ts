import type { PersistedEvent } from './persisted.js';

type Waiter = { resolve: () => void; reject: (err: unknown) => void };
type Item = { kind: 'event'; event: PersistedEvent; waiter: Waiter } | { kind: 'snapshot'; seq: number; createdAt: number; json: string; waiter: Waiter };

export interface WriteQueueSink {
  writeEvents(events: PersistedEvent[]): Promise<void>;
  writeSnapshot(seq: number, createdAt: number, json: string): Promise<void>;
  onBroken(err: unknown): void;
}

/**
 * When to hold a journal write back a moment to gather more events (group commit's "linger").
 * Under a steady stream each write used to carry what arrived while the previous one was in
 * flight: ≈ 17 joins at 3,300 joins/s. Waiting `lingerMs` more, only while the previous write
 * ended less than `busyWithinMs` ago and fewer than `lingerBelow` events wait, gathers ≈ 28: 37%
 * fewer journal writes for the same joins, each ≈ 0.3 ms of the backend's CPU and more of the
 * database's (20,000 warm joins, four alternating runs; join p50 unchanged). An event that has
 * been quiet writes at once.
 */
export interface LingerOptions {
  lingerMs: number;
  lingerBelow: number;
  busyWithinMs: number;
}

const DEFAULT_LINGER: LingerOptions = { lingerMs: 1, lingerBelow: 64, busyWithinMs: 5 };

/**
 * Ordered writes for one persistence key with group commit: one write in flight at a time; every
 * event queued meanwhile goes into the next journal document (see LingerOptions). Once a write
 * fails, every queued and later write fails too (the actor's memory is ahead of the journal until
 * it recovers).
 */
export class WriteQueue {
  private readonly items: Item[] = [];
  private writing = false;
  private broken: unknown;
  private idleWaiters: Array<() => void> = [];
  /** When the last journal write ended (Date.now), -Infinity before the first. */
  private lastWriteEndedAt = -Infinity;
  private readonly linger: LingerOptions;

  constructor(
    private readonly maxBatch: number,
    private readonly sink: WriteQueueSink,
    linger: Partial<LingerOptions> = {},
  ) {
    this.linger = { ...DEFAULT_LINGER, ...linger };
  }

  appendEvent(event: PersistedEvent): Promise<void> {
    return this.enqueue((waiter) => ({ kind: 'event', event, waiter }));
  }

  appendSnapshot(seq: number, createdAt: number, json: string): Promise<void> {
    return this.enqueue((waiter) => ({ kind: 'snapshot', seq, createdAt, json, waiter }));
  }

  idle(): Promise<void> {
    if (!this.writing && this.items.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(make: (waiter: Waiter) => Item): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the database's own error, as it was thrown
    if (this.broken !== undefined) return Promise.reject(this.broken);
    return new Promise<void>((resolve, reject) => {
      this.items.push(make({ resolve, reject }));
      if (!this.writing) {
        this.writing = true;
        // Let the commands of this tick join the batch before writing.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.items.length > 0) {
      const head = this.items[0]!;
      try {
        if (head.kind === 'snapshot') {
          this.items.shift();
          await this.sink.writeSnapshot(head.seq, head.createdAt, head.json).then(head.waiter.resolve, (err) => {
            // A failed snapshot loses nothing (the journal still has every event); report and go on.
            head.waiter.reject(err);
          });
          continue;
        }
        if (this.shouldLinger()) await new Promise((resolve) => setTimeout(resolve, this.linger.lingerMs));
        let count = 0;
        while (count < this.items.length && count < this.maxBatch && this.items[count]!.kind === 'event') count++;
        const batch = this.items.splice(0, count) as Array<Extract<Item, { kind: 'event' }>>;
        try {
          await this.sink.writeEvents(batch.map((b) => b.event));
        } catch (err) {
          this.fail(err, batch);
          return;
        }
        this.lastWriteEndedAt = Date.now();
        for (const b of batch) b.waiter.resolve();
      } catch (err) {
        this.fail(err, []);
        return;
      }
    }
    this.writing = false;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  /** A stream is flowing (the last write ended moments ago) and the next batch is still small. */
  private shouldLinger(): boolean {
    const { lingerMs, lingerBelow, busyWithinMs } = this.linger;
    return lingerMs > 0 && this.items.length < lingerBelow && Date.now() - this.lastWriteEndedAt < busyWithinMs;
  }

  private fail(err: unknown, batch: Item[]): void {
    this.broken = err;
    this.sink.onBroken(err);
    for (const item of [...batch, ...this.items.splice(0)]) item.waiter.reject(err);
    this.writing = false;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
