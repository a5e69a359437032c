import type { Collection, Db } from 'mongodb';
import { durableCollection } from '../../storage/durability.js';
import { GroupedInserts } from '../../storage/grouped-inserts.js';

export type CheckoutFlow = 'site' | 'popup';
export type CheckoutSessionStatus = 'open' | 'complete' | 'expired';

/**
 * One checkout session per offer (`_id` = offerId, so starting twice finds the same one). A session
 * that ended without payment may be replaced by a new attempt while the offer is still live.
 */
export interface CheckoutSessionDoc {
  _id: string;
  sessionId: string;
  mode: 'stripe' | 'demo';
  attempt: number;
  eventId: string;
  entryId: string;
  userId: string;
  eventName: string;
  quantity: number;
  unitAmount: number;
  /** The offer per type (absent on sessions stored before types). */
  items?: { typeId: string; name: string; quantity: number; unitPrice: number; discountPerTicket: number }[];
  discountCode?: string;
  /** What the buyer pays: the offer's amount, discount applied (the webhook checks the payment against it). */
  amount: number;
  fee: number;
  currency: string;
  flow: CheckoutFlow;
  url: string;
  successUrl: string;
  cancelUrl: string;
  status: CheckoutSessionStatus;
  offerExpiresAt: Date;
  expiresAt: Date;
  createdAt: Date;
  paymentId?: string;
  completedAt?: Date;
  expiredAt?: Date;
}

export class CheckoutSessions {
  private readonly sessions: Collection<CheckoutSessionDoc>;
  private readonly inserts: GroupedInserts<CheckoutSessionDoc>;

  constructor(db: Db) {
    this.sessions = durableCollection<CheckoutSessionDoc>(db, 'checkout_sessions');
    this.inserts = new GroupedInserts(this.sessions);
  }

  async ensureIndexes(): Promise<void> {
    await this.sessions.createIndex({ sessionId: 1 }, { unique: true });
    await this.sessions.createIndex({ status: 1, offerExpiresAt: 1 });
  }

  byOffer(offerId: string): Promise<CheckoutSessionDoc | null> {
    return this.sessions.findOne({ _id: offerId });
  }

  bySessionId(sessionId: string): Promise<CheckoutSessionDoc | null> {
    return this.sessions.findOne({ sessionId });
  }

  /** Inserts the first session of an offer; false when another request stored one first. */
  async insert(doc: CheckoutSessionDoc): Promise<boolean> {
    // Grouped with the sessions other buyers start meanwhile (a rush starts many at once).
    const { duplicates } = await this.inserts.insert([doc]);
    return duplicates.length === 0;
  }

  /** Replaces a session that ended unpaid with a new attempt; false when someone else did first. */
  async replaceEnded(previous: CheckoutSessionDoc, doc: CheckoutSessionDoc): Promise<boolean> {
    const result = await this.sessions.replaceOne({ _id: previous._id, sessionId: previous.sessionId, status: 'expired' }, doc);
    return result.modifiedCount === 1;
  }

  byPaymentId(paymentId: string): Promise<CheckoutSessionDoc | null> {
    return this.sessions.findOne({ paymentId });
  }

  async markComplete(sessionId: string, paymentId: string): Promise<void> {
    await this.sessions.updateOne({ sessionId }, { $set: { status: 'complete', paymentId, completedAt: new Date() } });
  }

  /** Records that a session can no longer be paid (unless it was paid meanwhile). */
  async markExpired(sessionId: string): Promise<void> {
    await this.sessions.updateOne({ sessionId, status: 'open' }, { $set: { status: 'expired', expiredAt: new Date() } });
  }

  /** Open sessions, or only those whose offer deadline has passed: candidates for expiry after a crash. */
  open(options: { pastOfferBefore?: Date; limit?: number } = {}): Promise<CheckoutSessionDoc[]> {
    const filter = options.pastOfferBefore ? { status: 'open' as const, offerExpiresAt: { $lt: options.pastOfferBefore } } : { status: 'open' as const };
    return this.sessions
      .find(filter)
      .limit(options.limit ?? 500)
      .toArray();
  }
}
