import type { Collection, Db } from 'mongodb';
import type { PersistedSnapshot } from './persisted.js';
import { durableCollection } from '../../storage/durability.js';

/** Snapshots are JSON split into chunks, so a state larger than a 16 MB document still fits. */
interface SnapshotChunkDoc {
  _id: string;
  key: string;
  seq: number;
  /** The writer's fencing token (0 without leases): two owners never write the same chunk. */
  token: number;
  part: number;
  data: string;
}

/**
 * Points at one complete snapshot; written only after all its chunks are. Heads are only ever
 * inserted, never updated in place (an in-place conditional update is not atomic on FerretDB): the
 * latest snapshot is the head with the highest sequence number.
 */
interface SnapshotHeadDoc {
  _id: string;
  key: string;
  seq: number;
  token: number;
  parts: number;
  createdAt: number;
  bytes: number;
}

/** The single head per key written before fencing existed (`_id` = key); read when no newer one exists. */
interface LegacyHeadDoc {
  _id: string;
  seq: number;
  parts: number;
  createdAt: number;
}

export const SNAPSHOT_CHUNK_CHARS = 4 * 1024 * 1024;

export class SnapshotStore {
  private readonly chunks: Collection<SnapshotChunkDoc>;
  private readonly heads: Collection<SnapshotHeadDoc>;

  constructor(db: Db) {
    this.chunks = durableCollection<SnapshotChunkDoc>(db, 'snapshot_chunks');
    this.heads = durableCollection<SnapshotHeadDoc>(db, 'snapshot_heads');
  }

  async ensureIndexes(): Promise<void> {
    await this.chunks.createIndex({ key: 1, seq: 1, token: 1, part: 1 }, { unique: true });
    await this.heads.createIndex({ key: 1, seq: -1 });
  }

  async hasAny(key: string): Promise<boolean> {
    const head = await this.heads.findOne({ key }, { projection: { _id: 1 } });
    return head !== null || (await this.legacyHead(key)) !== null;
  }

  async latest(key: string): Promise<PersistedSnapshot | undefined> {
    const head = await this.heads.find({ key }).sort({ seq: -1, token: -1 }).limit(1).next();
    if (head) return this.load(key, head.seq, head.parts, head.createdAt, { token: head.token });
    const legacy = await this.legacyHead(key);
    if (legacy) return this.load(key, legacy.seq, legacy.parts, legacy.createdAt, { token: { $exists: false } });
    return undefined;
  }

  /**
   * Chunks first, one per write (each may be megabytes), then the head that points at them; then
   * older snapshots go. Every snapshot describes a prefix of the one journal, so a head written by
   * an owner that was overtaken meanwhile is still a correct (if older) starting point.
   */
  async write(key: string, seq: number, token: number, createdAt: number, json: string): Promise<void> {
    const parts = Math.max(1, Math.ceil(json.length / SNAPSHOT_CHUNK_CHARS));
    for (let part = 0; part < parts; part++) {
      const doc: SnapshotChunkDoc = {
        _id: `${key}:${seq}:${token}:${part}`,
        key,
        seq,
        token,
        part,
        data: json.slice(part * SNAPSHOT_CHUNK_CHARS, (part + 1) * SNAPSHOT_CHUNK_CHARS),
      };
      await this.chunks.replaceOne({ _id: doc._id }, doc, { upsert: true });
    }
    const head: SnapshotHeadDoc = { _id: `${key}:${seq}:${token}`, key, seq, token, parts, createdAt, bytes: json.length };
    await this.heads.replaceOne({ _id: head._id }, head, { upsert: true });
  }

  /** Removes snapshots older than `seq` (the caller has just written one at `seq`). */
  async gc(key: string, seq: number): Promise<void> {
    await this.heads.deleteMany({ key, seq: { $lt: seq } });
    await this.chunks.deleteMany({ key, seq: { $lt: seq } });
    await this.heads.deleteOne({ _id: key });
  }

  private legacyHead(key: string): Promise<LegacyHeadDoc | null> {
    return (this.heads as unknown as Collection<LegacyHeadDoc>).findOne({ _id: key, seq: { $exists: true } });
  }

  private async load(key: string, seq: number, parts: number, createdAt: number, token: unknown): Promise<PersistedSnapshot> {
    const docs = await this.chunks
      .find({ key, seq, ...(token as object) })
      .sort({ part: 1 })
      .toArray();
    if (docs.length !== parts) throw new Error(`snapshot ${key}@${seq} has ${docs.length}/${parts} chunks`);
    const data: unknown = JSON.parse(docs.map((p) => p.data).join(''));
    return { data, sequenceNumber: seq, key, createdAt };
  }
}
