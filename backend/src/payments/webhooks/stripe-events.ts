import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '../../storage/duplicate-key.js';
import { durableCollection } from '../../storage/durability.js';

export type StripeEventStatus = 'processing' | 'done' | 'failed';

/** One record per Stripe event id: how we make Stripe's at-least-once delivery exactly-once. */
export interface StripeEventDoc {
  _id: string;
  type: string;
  status: StripeEventStatus;
  attempts: number;
  receivedAt: Date;
  updatedAt: Date;
  /** What processing did, for the operator (e.g. "issued 2 tickets", "refunded: tickets_gone"). */
  result?: string;
  error?: string;
}

export type Claim = { process: true } | { process: false; doc: StripeEventDoc };

export class StripeEvents {
  private readonly events: Collection<StripeEventDoc>;

  constructor(db: Db) {
    this.events = durableCollection<StripeEventDoc>(db, 'stripe_events');
  }

  /**
   * Claims an event for processing. A done event is not processed again; one left processing or
   * failed (a crash, an outage) is, because everything it does is idempotent by the payment id.
   */
  async claim(id: string, type: string): Promise<Claim> {
    const now = new Date();
    try {
      await this.events.insertOne({ _id: id, type, status: 'processing', attempts: 1, receivedAt: now, updatedAt: now });
      return { process: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const doc = await this.events.findOne({ _id: id });
    if (doc?.status === 'done') return { process: false, doc };
    await this.events.updateOne({ _id: id }, { $inc: { attempts: 1 }, $set: { status: 'processing', updatedAt: now } });
    return { process: true };
  }

  async done(id: string, result: string): Promise<void> {
    await this.events.updateOne({ _id: id }, { $set: { status: 'done', result, updatedAt: new Date() }, $unset: { error: '' } });
  }

  async failed(id: string, error: string): Promise<void> {
    await this.events.updateOne({ _id: id }, { $set: { status: 'failed', error, updatedAt: new Date() } });
  }
}
