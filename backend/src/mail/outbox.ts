import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '../storage/duplicate-key.js';
import { GroupedInserts } from '../storage/grouped-inserts.js';

/** What a message reports; with its subject key it names the message exactly once. */
export type MailKind = 'order-confirmation' | 'your-turn' | 'refund-notice' | 'event-cancelled';

/**
 * `armed`: a "your turn" message the buyer asked for, waiting for an offer; `pending`: due to be
 * sent at `nextAttemptAt`; `sent`; `failed` after MAIL_MAX_ATTEMPTS (for the operator); `skipped`:
 * nobody to send it to (the user has no address).
 */
export type MailStatus = 'armed' | 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * One message in the durable outbox. `_id` = `${kind}:${subject}` (a payment, an entry, a refund,
 * an event), so writing the same fact twice — a replayed webhook, a recovery — cannot queue it twice.
 * The recipient is resolved when it is sent, so an address the buyer changed in between is used.
 */
export interface MailDoc {
  _id: string;
  kind: MailKind;
  eventId: string;
  /** Who it goes to; for refund notices resolved from the payment when absent. */
  userId?: string;
  /** What the message needs beyond the stored documents (payment id, offer deadline…). */
  data: Record<string, string | number>;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt?: Date;
  to?: string;
  lastError?: string;
}

/**
 * Who is sending a message now. Claims are insert-only records `${messageId}:${n}`, like the event
 * leases (cluster/lease-store.ts): FerretDB 1.24 runs a conditional update as "query, then replace",
 * so two workers could both win one; an insert on a unique _id cannot race.
 */
interface ClaimDoc {
  _id: string;
  messageId: string;
  n: number;
  worker: string;
  expiresAt: Date;
}

export type NewMail = Pick<MailDoc, 'kind' | 'eventId' | 'userId' | 'data'> & { subject: string };

export const mailId = (kind: MailKind, subject: string) => `${kind}:${subject}`;

export class Outbox {
  readonly messages: Collection<MailDoc>;
  private readonly claims: Collection<ClaimDoc>;
  private readonly inserts: GroupedInserts<MailDoc>;

  constructor(db: Db) {
    this.messages = db.collection<MailDoc>('mail_outbox');
    this.inserts = new GroupedInserts(this.messages);
    this.claims = db.collection<ClaimDoc>('mail_claims');
  }

  async ensureIndexes(): Promise<void> {
    await this.messages.createIndex({ status: 1, nextAttemptAt: 1 });
    await this.messages.createIndex({ eventId: 1, kind: 1 });
    await this.claims.createIndex({ messageId: 1, n: -1 });
  }

  /** Queues messages; one already queued under the same id is left as it is. */
  async add(mails: NewMail[], status: 'pending' | 'armed' = 'pending', now = new Date()): Promise<void> {
    if (mails.length === 0) return;
    const docs: MailDoc[] = mails.map((m) => ({
      _id: mailId(m.kind, m.subject),
      kind: m.kind,
      eventId: m.eventId,
      ...(m.userId ? { userId: m.userId } : {}),
      data: m.data,
      status,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    }));
    // Grouped with the messages of other purchases acknowledged meanwhile; duplicates are no-ops.
    await this.inserts.insert(docs);
  }

  /** An armed "your turn" message becomes due (its offer was made); a no-op for any other state. */
  async fire(id: string, data: Record<string, string | number>, now = new Date()): Promise<boolean> {
    const doc = await this.messages.findOne({ _id: id }, { projection: { status: 1, data: 1 } });
    if (!doc || doc.status !== 'armed') return false;
    // Only the event's owner fires its messages, one offer at a time: no concurrent writer to race.
    const result = await this.messages.updateOne(
      { _id: id, status: 'armed' },
      { $set: { status: 'pending', nextAttemptAt: now, data: { ...doc.data, ...data } } },
    );
    return result.modifiedCount === 1;
  }

  countOf(eventId: string, kind: MailKind): Promise<number> {
    return this.messages.countDocuments({ eventId, kind });
  }

  /** Messages due now, oldest first. */
  due(now: Date, limit: number): Promise<MailDoc[]> {
    return this.messages
      .find({ status: 'pending', nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Takes the message for `leaseMs`, or says another worker holds it. The claim after a live one is
   * refused; after an expired one (its worker died) it is taken.
   */
  async claim(messageId: string, worker: string, now: Date, leaseMs: number): Promise<number | null> {
    const current = await this.claims.find({ messageId }).sort({ n: -1 }).limit(1).next();
    if (current && current.expiresAt > now) return null;
    const n = (current?.n ?? 0) + 1;
    try {
      await this.claims.insertOne({ _id: `${messageId}:${n}`, messageId, n, worker, expiresAt: new Date(now.getTime() + leaseMs) });
    } catch (err) {
      if (isDuplicateKey(err)) return null;
      throw err;
    }
    return n;
  }

  /** Ends this worker's own claim so the next attempt may be claimed at once. */
  async release(messageId: string, n: number): Promise<void> {
    await this.claims.updateOne({ _id: `${messageId}:${n}` }, { $set: { expiresAt: new Date(0) } });
  }

  get(id: string): Promise<MailDoc | null> {
    return this.messages.findOne({ _id: id });
  }

  async markSent(id: string, to: string, now: Date): Promise<void> {
    await this.messages.updateOne({ _id: id }, { $set: { status: 'sent', sentAt: now, to }, $unset: { lastError: '' } });
  }

  async markSkipped(id: string, why: string): Promise<void> {
    await this.messages.updateOne({ _id: id }, { $set: { status: 'skipped', lastError: why } });
  }

  async markAttemptFailed(id: string, attempts: number, error: string, next: Date | null): Promise<void> {
    const status: MailStatus = next ? 'pending' : 'failed';
    await this.messages.updateOne({ _id: id }, { $set: { status, attempts, lastError: error, ...(next ? { nextAttemptAt: next } : {}) } });
  }

  /** Messages that kept failing, newest first: what the operator must look at. */
  failed(limit = 100): Promise<MailDoc[]> {
    return this.messages.find({ status: 'failed' }).sort({ createdAt: -1 }).limit(limit).toArray();
  }
}
