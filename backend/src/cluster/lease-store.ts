import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '../storage/duplicate-key.js';
import { durableCollection } from '../storage/durability.js';

/**
 * One owner's lease on one event. Leases are insert-only records, one per (event, token): the
 * event's current lease is its record with the highest token. Why not one document per event
 * updated with findOneAndUpdate: FerretDB 1.24 runs an update as "query, then replace the whole
 * document by _id", so two conditional updates can both match and the later one silently undoes the
 * earlier. An insert on a unique _id cannot race that way, so taking token n+1 is atomic, and each
 * record is only ever updated afterwards by its own owner (renewal, release).
 */
export interface LeaseRecord {
  /** `${eventId}:${token}` */
  _id: string;
  eventId: string;
  /** The fencing token: grows by one with every new owner of the event. */
  token: number;
  /** The owning process (instance id). */
  owner: string;
  /** Where the owner takes forwarded requests ('' until it listens). */
  url: string;
  expiresAt: Date;
  acquiredAt: Date;
}

export class LeaseStore {
  private readonly leases: Collection<LeaseRecord>;

  constructor(db: Db) {
    this.leases = durableCollection<LeaseRecord>(db, 'event_leases');
  }

  async ensureIndexes(): Promise<void> {
    await this.leases.createIndex({ eventId: 1, token: -1 });
  }

  /** The event's current lease (highest token), or null if it never had one. */
  current(eventId: string): Promise<LeaseRecord | null> {
    return this.leases.find({ eventId }).sort({ token: -1 }).limit(1).next();
  }

  /** The current lease of each event that has one. */
  async currentOf(eventIds: string[]): Promise<Map<string, LeaseRecord>> {
    const out = new Map<string, LeaseRecord>();
    if (eventIds.length === 0) return out;
    for (const record of await this.leases.find({ eventId: { $in: eventIds } }).toArray()) {
      const best = out.get(record.eventId);
      if (!best || record.token > best.token) out.set(record.eventId, record);
    }
    return out;
  }

  /** Takes token `record.token` for its event; false when another instance took it first. */
  async insert(record: LeaseRecord): Promise<boolean> {
    try {
      await this.leases.insertOne(record);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Extends this owner's own records (no other instance writes them). */
  async renew(ids: string[], expiresAt: Date, url: string): Promise<void> {
    if (ids.length) await this.leases.updateMany({ _id: { $in: ids } }, { $set: { expiresAt, url } });
  }

  /** Ends this owner's own records now, so another instance may take the events at once. */
  async expire(ids: string[]): Promise<void> {
    if (ids.length) await this.leases.updateMany({ _id: { $in: ids } }, { $set: { expiresAt: new Date(0) } });
  }

  async hasNewer(eventId: string, token: number): Promise<boolean> {
    return (await this.leases.findOne({ eventId, token: { $gt: token } }, { projection: { _id: 1 } })) !== null;
  }

  /** Drops records older than `token` (the current one, the highest, always stays). */
  async prune(eventId: string, token: number): Promise<void> {
    await this.leases.deleteMany({ eventId, token: { $lt: token } });
  }
}
