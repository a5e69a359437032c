import type { Db } from 'mongodb';
import type { Logger } from '../../logger.js';
import { DEFAULT_WRITE_DEADLINE_MS, withDeadline } from '../../storage/deadline.js';
import { FencedOut, isFencedOut, type Fence } from './fencing.js';
import { JournalStore } from './journal-store.js';
import type { PersistedEvent, PersistedSnapshot } from './persisted.js';
import { SnapshotStore } from './snapshot-store.js';
import { WriteQueue } from './write-queue.js';

export type { PersistedEvent, PersistedSnapshot } from './persisted.js';
export { SNAPSHOT_CHUNK_CHARS } from './snapshot-store.js';

export class PersistenceBrokenError extends Error {
  constructor(key: string, cause: unknown) {
    super(`journal of ${key} could not be written: ${String(cause)}`);
  }
}

/**
 * nact persistence engine on MongoDB (official driver; nothing beyond what FerretDB supports).
 *
 * Why our own: events must replay strictly in sequence order, and thousands of commands a second
 * must become durable without one awaited write each. Every persistence key has a write queue:
 * events arriving while a write is in flight are written together as one journal document (group
 * commit), and a snapshot is queued behind the events it includes, so a snapshot never gets ahead
 * of its journal. After a failed write a key is "broken" until its actor recovers from the database,
 * because its in-memory state is then ahead of what is durable.
 *
 * Fencing (several instances, see docs/operations.md): a key given a Fence before its actor
 * recovers journals a fence record right after what it recovered (its era start), writes its token
 * into every batch and snapshot, and stops writing once a newer owner has taken the event.
 */
export class MongoPersistenceEngine {
  private readonly journal: JournalStore;
  private readonly snapshots: SnapshotStore;
  private readonly queues = new Map<string, WriteQueue>();
  private readonly fences = new Map<string, Fence>();
  /** Keys whose next recovery must claim an era (set by fence(), consumed by events()). */
  private readonly pendingClaims = new Set<string>();
  /** Writes refused because a newer owner had taken the event (operators and tests read it). */
  fencedWrites = 0;

  private readonly maxBatch: number;
  private readonly clock: () => number;
  /** A write that takes longer fails (and breaks its key), so one stuck call cannot stall the queue. */
  private readonly writeDeadlineMs: number;

  constructor(
    db: Db,
    private readonly log: Logger,
    options: { maxBatch?: number; clock?: () => number; writeDeadlineMs?: number } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 4_000;
    this.clock = options.clock ?? Date.now;
    this.writeDeadlineMs = options.writeDeadlineMs ?? DEFAULT_WRITE_DEADLINE_MS;
    this.journal = new JournalStore(db);
    this.snapshots = new SnapshotStore(db);
  }

  async ensureIndexes(): Promise<void> {
    await this.journal.ensureIndexes();
    await this.snapshots.ensureIndexes();
  }

  /** Whether anything was ever written under this key (an event that exists). */
  async exists(key: string): Promise<boolean> {
    return (await this.journal.hasAny(key)) || (await this.snapshots.hasAny(key));
  }

  /** The key's next recovery claims it for the holder of `fence`, and its writes carry the token. */
  fence(key: string, fence: Fence): void {
    this.fences.set(key, fence);
    this.pendingClaims.add(key);
  }

  /** Resolves once the event is durable (in a journal document). */
  persist(event: PersistedEvent): Promise<void> {
    return this.queueFor(event.key).appendEvent(event);
  }

  takeSnapshot(snapshot: PersistedSnapshot): Promise<void> {
    // Serialise now: the state object keeps changing after this call returns.
    const json = JSON.stringify(snapshot.data);
    return this.queueFor(snapshot.key).appendSnapshot(snapshot.sequenceNumber, snapshot.createdAt, json);
  }

  latestSnapshot(key: string): Promise<PersistedSnapshot | undefined> {
    return this.snapshots.latest(key);
  }

  /**
   * Events after `offset`, in sequence order. nact calls `.reduce` on the result synchronously, so
   * this returns a reducible that loads the journal when reduced (and claims the era if fenced).
   */
  events(key: string, offset: number): { reduce<T>(fn: (acc: T, e: PersistedEvent, i: number) => T, initial: T): Promise<T> } {
    return { reduce: async (fn, initial) => (await this.recoveryEvents(key, offset)).reduce(fn, initial) };
  }

  /** The journal after `offset`, checked for gaps: a gap means lost data and must stop recovery. */
  loadEvents(key: string, offset: number): Promise<PersistedEvent[]> {
    return this.journal.load(key, offset);
  }

  /** Forget a key's broken state (and fence) so its recovering actor can write again. */
  resetKey(key: string): void {
    this.queues.delete(key);
    this.fences.delete(key);
    this.pendingClaims.delete(key);
  }

  /** Waits until everything queued so far is written (tests, graceful shutdown). */
  async flushAll(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.idle()));
  }

  private async recoveryEvents(key: string, offset: number): Promise<PersistedEvent[]> {
    const events = await this.journal.load(key, offset);
    const fence = this.fences.get(key);
    if (!fence || !this.pendingClaims.delete(key)) return events;
    return this.journal.claimEra(key, offset, events, fence, this.clock());
  }

  private queueFor(key: string): WriteQueue {
    let queue = this.queues.get(key);
    if (!queue) {
      const token = this.fences.get(key)?.token;
      queue = new WriteQueue(this.maxBatch, {
        writeEvents: (events) =>
          withDeadline(this.journal.insertBatch(key, events, token), this.writeDeadlineMs, `journal write of ${key}`).catch((err) => this.noteFenced(err)),
        writeSnapshot: (seq, createdAt, json) => this.writeSnapshot(key, seq, createdAt, json).catch((err) => this.noteFenced(err)),
        onBroken: (err) =>
          isFencedOut(err)
            ? this.log.warn({ key, err }, 'journal write refused: another instance owns this event now')
            : this.log.error({ key, err }, 'journal write failed; actor must recover'),
      });
      this.queues.set(key, queue);
    }
    return queue;
  }

  private async writeSnapshot(key: string, seq: number, createdAt: number, json: string): Promise<void> {
    const fence = this.fences.get(key);
    if (fence && (await fence.superseded())) throw new FencedOut(key, 'a newer owner holds the event');
    await this.snapshots.write(key, seq, fence?.token ?? 0, createdAt, json);
    // Older snapshots and the journal the new one covers are no longer needed for recovery.
    await this.snapshots.gc(key, seq);
    await this.journal.gc(key, seq);
  }

  private noteFenced(err: unknown): never {
    if (isFencedOut(err)) this.fencedWrites += 1;
    throw err;
  }
}
