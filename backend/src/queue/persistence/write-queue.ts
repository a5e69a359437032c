import { Linger, type LingerOptions } from '../../storage/linger.js';
import type { PersistedEvent } from './persisted.js';

type Waiter = { resolve: () => void; reject: (err: unknown) => void };
type Item = { kind: 'event'; event: PersistedEvent; waiter: Waiter } | { kind: 'snapshot'; seq: number; createdAt: number; json: string; waiter: Waiter };

export interface WriteQueueSink {
  writeEvents(events: PersistedEvent[]): Promise<void>;
  writeSnapshot(seq: number, createdAt: number, json: string): Promise<void>;
  onBroken(err: unknown): void;
}

/**
 * Ordered writes for one persistence key with group commit: one journal write in flight at a time;
 * every event queued meanwhile goes into the next journal document (storage/linger.ts: while events
 * keep coming, it waits a moment to gather more). Once a write fails, every queued and later write
 * fails too (the actor's memory is ahead of the journal until it recovers).
 *
 * A snapshot starts once every event queued before it is durable (a batch never passes it), and the
 * events queued after it do not wait for it: it covers none of them, and recovery reads the journal
 * after the newest complete snapshot, whichever landed first. Writing a large line's snapshot takes
 * the database a tenth of a second or more; joins used to queue behind it.
 */
export class WriteQueue {
  private readonly items: Item[] = [];
  private writing = false;
  /** The snapshot being written (one at a time), if any. */
  private snapshotInFlight: Promise<void> | undefined;
  private broken: unknown;
  private idleWaiters: Array<() => void> = [];
  private readonly linger: Linger;

  constructor(
    private readonly maxBatch: number,
    private readonly sink: WriteQueueSink,
    linger: Partial<LingerOptions> = {},
  ) {
    this.linger = new Linger(linger);
  }

  appendEvent(event: PersistedEvent): Promise<void> {
    return this.enqueue((waiter) => ({ kind: 'event', event, waiter }));
  }

  appendSnapshot(seq: number, createdAt: number, json: string): Promise<void> {
    return this.enqueue((waiter) => ({ kind: 'snapshot', seq, createdAt, json, waiter }));
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
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
          if (this.snapshotInFlight) await this.snapshotInFlight;
          this.snapshotInFlight = this.sink
            .writeSnapshot(head.seq, head.createdAt, head.json)
            // A failed snapshot loses nothing (the journal still has every event); report and go on.
            .then(head.waiter.resolve, head.waiter.reject)
            .finally(() => {
              this.snapshotInFlight = undefined;
              this.notifyIfIdle();
            });
          continue;
        }
        const linger = this.linger.beforeWrite(this.items.length);
        if (linger) await linger;
        let count = 0;
        while (count < this.items.length && count < this.maxBatch && this.items[count]!.kind === 'event') count++;
        const batch = this.items.splice(0, count) as Array<Extract<Item, { kind: 'event' }>>;
        try {
          await this.sink.writeEvents(batch.map((b) => b.event));
        } catch (err) {
          this.fail(err, batch);
          return;
        }
        this.linger.written();
        for (const b of batch) b.waiter.resolve();
      } catch (err) {
        this.fail(err, []);
        return;
      }
    }
    this.writing = false;
    this.notifyIfIdle();
  }

  private isIdle(): boolean {
    return !this.writing && this.items.length === 0 && !this.snapshotInFlight;
  }

  private notifyIfIdle(): void {
    if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
  }

  private fail(err: unknown, batch: Item[]): void {
    this.broken = err;
    this.sink.onBroken(err);
    for (const item of [...batch, ...this.items.splice(0)]) item.waiter.reject(err);
    this.writing = false;
    this.notifyIfIdle();
  }
}
