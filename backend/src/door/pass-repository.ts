import type { Collection, Db } from 'mongodb';
import type { CheckInPass } from '@queuetix/contracts/door';

export interface CheckInPassDoc {
  _id: string;
  eventId: string;
  ownerId: string;
  label: string;
  /** sha256 of the token's secret: the token itself is shown once and never stored. */
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const passJson = (doc: CheckInPassDoc): CheckInPass => ({
  id: doc._id,
  eventId: doc.eventId,
  label: doc.label,
  createdAt: doc.createdAt.toISOString(),
  revokedAt: doc.revokedAt?.toISOString() ?? null,
});

/** The `checkin_passes` collection. */
export class CheckInPasses {
  private readonly passes: Collection<CheckInPassDoc>;

  constructor(db: Db) {
    this.passes = db.collection<CheckInPassDoc>('checkin_passes');
  }

  async ensureIndexes(): Promise<void> {
    await this.passes.createIndex({ eventId: 1, createdAt: -1 });
  }

  async insert(doc: CheckInPassDoc): Promise<void> {
    await this.passes.insertOne(doc);
  }

  byId(passId: string): Promise<CheckInPassDoc | null> {
    return this.passes.findOne({ _id: passId });
  }

  ofEvent(eventId: string): Promise<CheckInPassDoc[]> {
    return this.passes.find({ eventId }).sort({ createdAt: -1 }).limit(200).toArray();
  }

  /** Revokes a pass of that event (once: a second revoke keeps the first time). */
  async revoke(eventId: string, passId: string, at: Date): Promise<CheckInPassDoc | null> {
    await this.passes.updateOne({ _id: passId, eventId, revokedAt: null }, { $set: { revokedAt: at } });
    return this.passes.findOne({ _id: passId, eventId });
  }
}
