import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '../../storage/duplicate-key.js';
import { durableCollection } from '../../storage/durability.js';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

/**
 * Every refund we ask the provider for, written BEFORE the request (a write-ahead record) and keyed
 * by its idempotency key. After a crash a pending record is retried with exactly the same key and
 * amount, which the provider answers with the refund it already made: no payment is refunded twice.
 */
export interface RefundDoc {
  _id: string;
  eventId: string;
  paymentId: string;
  /** Tickets this refund covers (empty for a payment that never became tickets). */
  ticketIds: string[];
  /** null: the whole payment. */
  amount: number | null;
  reason: string;
  status: RefundStatus;
  attempts: number;
  refundId?: string;
  error?: string;
  createdAt: Date;
  updatedAt: Date;
  refundedAt?: Date;
}

export type RefundIntent = Pick<RefundDoc, '_id' | 'eventId' | 'paymentId' | 'ticketIds' | 'amount' | 'reason'>;

export class RefundLedger {
  private readonly refunds: Collection<RefundDoc>;

  constructor(db: Db) {
    this.refunds = durableCollection<RefundDoc>(db, 'refunds');
  }

  async ensureIndexes(): Promise<void> {
    await this.refunds.createIndex({ eventId: 1 });
    await this.refunds.createIndex({ status: 1 });
  }

  /** Records the intent once; a second call returns the first record (its amount and tickets win). */
  async record(intent: RefundIntent): Promise<RefundDoc> {
    const now = new Date();
    const doc: RefundDoc = { ...intent, status: 'pending', attempts: 0, createdAt: now, updatedAt: now };
    try {
      await this.refunds.insertOne(doc);
      return doc;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const existing = await this.refunds.findOne({ _id: intent._id });
    if (!existing) throw new Error(`refund record ${intent._id} vanished`);
    return existing;
  }

  async noteAttempt(id: string, error: string): Promise<void> {
    await this.refunds.updateOne({ _id: id }, { $inc: { attempts: 1 }, $set: { error, updatedAt: new Date() } });
  }

  async markSucceeded(id: string, refundId: string): Promise<void> {
    const now = new Date();
    await this.refunds.updateOne({ _id: id }, { $set: { status: 'succeeded', refundId, refundedAt: now, updatedAt: now }, $unset: { error: '' } });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.refunds.updateOne({ _id: id }, { $set: { status: 'failed', error, updatedAt: new Date() } });
  }

  pending(limit = 500): Promise<RefundDoc[]> {
    return this.refunds.find({ status: 'pending' }).limit(limit).toArray();
  }

  ofEvent(eventId: string): Promise<RefundDoc[]> {
    return this.refunds.find({ eventId }).toArray();
  }
}
