import type { Collection, Db } from 'mongodb';
import type { Logger } from '../../logger.js';
import { WriteQueue } from './write-queue.js';

/** What nact hands an engine (nact's PersistedEvent / PersistedSnapshot, typed). */
export interface PersistedEvent {
  data: unknown;
  sequenceNumber: number;
  key: string;
  tags: string[];
  createdAt: number;
  isDeleted?: boolean;
}
export interface PersistedSnapshot {
  data: unknown;
  sequenceNumber: number;
  key: string;
  createdAt: number;
}

/** One journal document holds a batch of consecutive events (group commit): from..to inclusive. */
interface JournalDoc {
  _id: string;
  key: string;
  from: number;
  to: number;
  /** JSON array of [sequenceNumber, createdAt, data]; a string is far cheaper to store than sub-documents. */
  events: string;
  writtenAt: Date;
}

/** Snapshots are JSON split into chunks, so a state larger than a 16 MB document still fits. */
interface SnapshotChunkDoc {
  _id: string;
  key: string;
  seq: number;
  part: number;
  data: string;
}
/** The pointer to the latest complete snapshot: written only after all its chunks are. */
interface SnapshotHeadDoc {
  _id: string;
  seq: number;
  parts: number;
  createdAt: number;
  bytes: number;
}

export const SNAPSHOT_CHUNK_CHARS = 4 * 1024 * 1024;

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
 */
export class MongoPersistenceEngine {
  private readonly journal: Collection<JournalDoc>;
  private readonly chunks: Collection<SnapshotChunkDoc>;
  private readonly heads: Collection<SnapshotHeadDoc>;
  private readonly queues = new Map<string, WriteQueue>();

  constructor(db: Db, private readonly log: Logger, private readonly maxBatch = 4_000) {
    this.journal = db.collection<JournalDoc>('journal');
    this.chunks = db.collection<SnapshotChunkDoc>('snapshot_chunks');
    this.heads = db.collection<SnapshotHeadDoc>('snapshot_heads');
  }

  async ensureIndexes(): Promise<void> {
    await this.journal.createIndex({ key: 1, from: 1 }, { unique: true });
    await this.chunks.createIndex({ key: 1, seq: 1, part: 1 }, { unique: true });
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

  async latestSnapshot(key: string): Promise<PersistedSnapshot | undefined> {
    const head = await this.heads.findOne({ _id: key });
    if (!head) return undefined;
    const parts = await this.chunks.find({ key, seq: head.seq }).sort({ part: 1 }).toArray();
    if (parts.length !== head.parts) throw new Error(`snapshot ${key}@${head.seq} has ${parts.length}/${head.parts} chunks`);
    const data: unknown = JSON.parse(parts.map((p) => p.data).join(''));
    return { data, sequenceNumber: head.seq, key, createdAt: head.createdAt };
  }

  /**
   * Events after `offset`, in sequence order. nact calls `.reduce` on the result synchronously, so
   * this returns a reducible that loads the journal when reduced.
   */
  events(key: string, offset: number): { reduce<T>(fn: (acc: T, e: PersistedEvent, i: number) => T, initial: T): Promise<T> } {
    return { reduce: async (fn, initial) => (await this.loadEvents(key, offset)).reduce(fn, initial) };
  }

  /** The journal after `offset`, checked for gaps: a gap means lost data and must stop recovery. */
  async loadEvents(key: string, offset: number): Promise<PersistedEvent[]> {
    const docs = await this.journal.find({ key, to: { $gt: offset } }).sort({ from: 1 }).toArray();
    const out: PersistedEvent[] = [];
    let expected = offset + 1;
    for (const doc of docs) {
      const rows = JSON.parse(doc.events) as Array<[number, number, unknown]>;
      for (const [seq, createdAt, data] of rows) {
        if (seq < expected) continue;
        if (seq !== expected) throw new Error(`journal of ${key} has a gap: expected ${expected}, found ${seq}`);
        out.push({ data, sequenceNumber: seq, key, tags: [], createdAt, isDeleted: false });
        expected += 1;
      }
    }
    return out;
  }

  /** Forget a key's broken state so its recovering actor can write again. */
  resetKey(key: string): void {
    this.queues.delete(key);
  }

  /** Waits until everything queued so far is written (tests, graceful shutdown). */
  async flushAll(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.idle()));
  }

  private queueFor(key: string): WriteQueue {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new WriteQueue(key, this.maxBatch, {
        writeEvents: (events) => this.writeEvents(key, events),
        writeSnapshot: (seq, createdAt, json) => this.writeSnapshot(key, seq, createdAt, json),
        onBroken: (err) => this.log.error({ key, err: String(err) }, 'journal write failed; actor must recover'),
      });
      this.queues.set(key, queue);
    }
    return queue;
  }

  private async writeEvents(key: string, events: PersistedEvent[]): Promise<void> {
    const first = events[0]!;
    const last = events[events.length - 1]!;
    const doc: JournalDoc = {
      _id: `${key}:${first.sequenceNumber}`,
      key,
      from: first.sequenceNumber,
      to: last.sequenceNumber,
      events: JSON.stringify(events.map((e) => [e.sequenceNumber, e.createdAt, e.data])),
      writtenAt: new Date(),
    };
    try {
      await this.journal.insertOne(doc);
    } catch (err) {
      // A retried write that in fact landed the first time: same batch, already durable.
      if ((err as { code?: number }).code === 11000) {
        const existing = await this.journal.findOne({ _id: doc._id });
        if (existing && existing.to === doc.to && existing.events === doc.events) return;
      }
      throw err;
    }
  }

  private async writeSnapshot(key: string, seq: number, createdAt: number, json: string): Promise<void> {
    const parts = Math.max(1, Math.ceil(json.length / SNAPSHOT_CHUNK_CHARS));
    const docs: SnapshotChunkDoc[] = [];
    for (let part = 0; part < parts; part++) {
      docs.push({ _id: `${key}:${seq}:${part}`, key, seq, part, data: json.slice(part * SNAPSHOT_CHUNK_CHARS, (part + 1) * SNAPSHOT_CHUNK_CHARS) });
    }
    // Chunks first, one per write (each may be megabytes), then the head that points at them.
    for (const doc of docs) await this.chunks.replaceOne({ _id: doc._id }, doc, { upsert: true });
    await this.heads.replaceOne({ _id: key }, { seq, parts, createdAt, bytes: json.length }, { upsert: true });
    // Older snapshots and the journal they cover are no longer needed for recovery.
    await this.chunks.deleteMany({ key, seq: { $lt: seq } });
    await this.journal.deleteMany({ key, to: { $lte: seq } });
  }
}
