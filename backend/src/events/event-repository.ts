import type { Collection, Db, Filter, ObjectId } from 'mongodb';
import type { Availability } from '@queuetix/contracts/events';
import { KeyedLock } from '../storage/keyed-lock.js';
import type { EventDoc } from './event-doc.js';

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * The `events` collection. Knows documents and queries, nothing of requests or actors. Updates of
 * one event are serialised (KeyedLock): on FerretDB a throttled availability write racing an edit
 * would otherwise write back the whole document and undo the edit.
 */
export class EventRepository {
  readonly collection: Collection<EventDoc>;
  private readonly writes = new KeyedLock();

  constructor(db: Db) {
    this.collection = db.collection<EventDoc>('events');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ eventDate: 1, _id: 1 });
    await this.collection.createIndex({ ownerId: 1, eventDate: 1 });
  }

  async insert(doc: EventDoc): Promise<void> {
    await this.collection.insertOne(doc);
  }

  find(id: string): Promise<EventDoc | null> {
    return this.collection.findOne({ _id: id });
  }

  findMany(ids: string[]): Promise<EventDoc[]> {
    return ids.length ? this.collection.find({ _id: { $in: ids } }).toArray() : Promise.resolve([]);
  }

  async isEmpty(): Promise<boolean> {
    return (await this.collection.findOne({}, { projection: { _id: 1 } })) === null;
  }

  /** One page of matching events, by event date (then id, so pages never overlap). */
  async page(filter: Filter<EventDoc>, page: number, pageSize: number): Promise<Page<EventDoc>> {
    const [items, total] = await Promise.all([
      this.collection
        .find(filter)
        .sort({ eventDate: 1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .toArray(),
      this.collection.countDocuments(filter),
    ]);
    return { items, total };
  }

  update(id: string, set: Partial<EventDoc>): Promise<EventDoc | null> {
    return this.writes.run(id, () => this.collection.findOneAndUpdate({ _id: id }, { $set: { ...set, updatedAt: new Date() } }, { returnDocument: 'after' }));
  }

  /** Points the event at a new image; returns the previous image id so it can be deleted. */
  async swapImage(id: string, imageId: ObjectId): Promise<{ previous: ObjectId | null } | null> {
    const before = await this.writes.run(id, () =>
      this.collection.findOneAndUpdate({ _id: id }, { $set: { imageId, updatedAt: new Date() } }, { returnDocument: 'before' }),
    );
    return before ? { previous: before.imageId } : null;
  }

  async saveAvailability(id: string, availability: Availability): Promise<void> {
    await this.writes.run(id, () => this.collection.updateOne({ _id: id }, { $set: { availability: { ...availability, updatedAt: new Date() } } }));
  }

  async markCancelled(id: string): Promise<void> {
    await this.writes.run(id, () =>
      this.collection.updateOne({ _id: id }, { $set: { isCancelled: true, 'availability.salesOpen': false, updatedAt: new Date() } }),
    );
  }
}
