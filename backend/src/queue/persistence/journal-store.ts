import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '../../storage/duplicate-key.js';
import { FencedOut, isFenceRecord, type Fence, type FenceRecord } from './fencing.js';
import type { PersistedEvent } from './persisted.js';
import { durableCollection } from '../../storage/durability.js';

/** One journal document holds a batch of consecutive events (group commit): from..to inclusive. */
export interface JournalDoc {
  /** `${key}:${from}`: with the unique (key, from) index, a slot can be taken once. */
  _id: string;
  key: string;
  from: number;
  to: number;
  /** JSON array of [sequenceNumber, createdAt, data]; a string is far cheaper to store than sub-documents. */
  events: string;
  writtenAt: Date;
  /** The fencing token of the writer (absent when the engine runs without leases). */
  token?: number;
  /** The first document of an owner's era (its fence record): never deleted, see gc(). */
  era?: true;
}

/** How many times an owner re-reads the journal when a previous owner keeps writing past its end. */
const CLAIM_ATTEMPTS = 8;

/**
 * The journal collection. Its unique (key, from) index is the only compare-and-set it relies on:
 * FerretDB 1.24 runs an update as "query, then replace by _id", so a conditional update is not
 * atomic there, but a unique index is enforced by the insert itself.
 */
export class JournalStore {
  private readonly journal: Collection<JournalDoc>;

  constructor(db: Db) {
    this.journal = durableCollection<JournalDoc>(db, 'journal');
  }

  ensureIndexes(): Promise<string> {
    return this.journal.createIndex({ key: 1, from: 1 }, { unique: true });
  }

  async hasAny(key: string): Promise<boolean> {
    return (await this.journal.findOne({ key }, { projection: { _id: 1 } })) !== null;
  }

  /** Inserts one batch. Refused (FencedOut) when its slot is taken by another writer's document. */
  async insertBatch(key: string, events: PersistedEvent[], token: number | undefined): Promise<void> {
    const first = events[0]!;
    const last = events[events.length - 1]!;
    const doc: JournalDoc = {
      _id: `${key}:${first.sequenceNumber}`,
      key,
      from: first.sequenceNumber,
      to: last.sequenceNumber,
      events: JSON.stringify(events.map((e) => [e.sequenceNumber, e.createdAt, e.data])),
      writtenAt: new Date(),
      ...(token === undefined ? {} : { token }),
    };
    try {
      await this.journal.insertOne(doc);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = await this.journal.findOne({ _id: doc._id });
      // A retried write that in fact landed the first time: same batch, already durable.
      if (existing && existing.to === doc.to && existing.events === doc.events) return;
      throw new FencedOut(key, existing?.era ? `event taken over by token ${existing.token}` : `journal slot ${doc.from} already written by another owner`);
    }
  }

  /** Events after `offset`, in sequence order; a gap means lost data and stops recovery. Fence records come back as deleted events. */
  async load(key: string, offset: number): Promise<PersistedEvent[]> {
    const docs = await this.journal
      .find({ key, to: { $gt: offset } })
      .sort({ from: 1 })
      .toArray();
    const out: PersistedEvent[] = [];
    let expected = offset + 1;
    for (const doc of docs) {
      const rows = JSON.parse(doc.events) as Array<[number, number, unknown]>;
      for (const [seq, createdAt, data] of rows) {
        if (seq < expected) continue;
        if (seq !== expected) throw new Error(`journal of ${key} has a gap: expected ${expected}, found ${seq}`);
        // nact skips deleted events on replay but still counts their sequence number.
        out.push({ data, sequenceNumber: seq, key, tags: [], createdAt, isDeleted: isFenceRecord(data) });
        expected += 1;
      }
    }
    return out;
  }

  /**
   * Starts an owner's era: writes its fence record in the slot right after `events` (what it
   * recovered). If a previous owner wrote that slot meanwhile, its batch was durable (and maybe
   * acknowledged): read it too and try the next slot. Returns every event to replay, the fence last.
   */
  async claimEra(key: string, offset: number, events: PersistedEvent[], fence: Fence, now: number): Promise<PersistedEvent[]> {
    const all = [...events];
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      if (await fence.superseded()) throw new FencedOut(key, 'a newer owner holds the event');
      const end = all.length ? all[all.length - 1]!.sequenceNumber : offset;
      const seq = end + 1;
      const record: FenceRecord = { fence: fence.token };
      const doc: JournalDoc = {
        _id: `${key}:${seq}`,
        key,
        from: seq,
        to: seq,
        events: JSON.stringify([[seq, now, record]]),
        writtenAt: new Date(now),
        token: fence.token,
        era: true,
      };
      try {
        await this.journal.insertOne(doc);
        all.push({ data: record, sequenceNumber: seq, key, tags: [], createdAt: now, isDeleted: true });
        return all;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        all.push(...(await this.load(key, end)));
      }
    }
    throw new FencedOut(key, 'the journal kept moving while taking the event over');
  }

  /**
   * Deletes the batches a snapshot at `seq` covers, except era documents: a paused previous owner
   * can only ever try to write at the era slot of the owner after it, so those slots stay taken.
   */
  async gc(key: string, seq: number): Promise<void> {
    await this.journal.deleteMany({ key, to: { $lte: seq }, era: { $ne: true } });
  }
}
