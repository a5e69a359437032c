import type { Collection, Db } from 'mongodb';
import { durableCollection } from '../../storage/durability.js';

export type RefundJobStatus = 'cancelling' | 'cancelled';

/** The refund job of one cancelled event; it exists before anything is stopped, so a crash resumes it. */
export interface RefundJobDoc {
  _id: string;
  ownerId: string;
  status: RefundJobStatus;
  /** Tickets refunded so far. */
  done: number;
  /** Tickets to refund in all (grows if a purchase was still being written when counting began). */
  total: number;
  /** Tickets whose refund the provider refused for good; left valid and logged for the operator. */
  failed: number;
  startedAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
  /**
   * Finished under the rule that checked-in tickets are refunded too. Jobs finished before it left
   * used tickets unrefunded; start-up reopens those once (CancellationService.resumeAll).
   */
  usedRefunded?: boolean;
}

export class RefundJobs {
  private readonly jobs: Collection<RefundJobDoc>;

  constructor(db: Db) {
    this.jobs = durableCollection<RefundJobDoc>(db, 'refund_jobs');
  }

  async ensureIndexes(): Promise<void> {
    await this.jobs.createIndex({ status: 1 });
  }

  get(eventId: string): Promise<RefundJobDoc | null> {
    return this.jobs.findOne({ _id: eventId });
  }

  /** The event's job, created on first call. */
  async open(eventId: string, ownerId: string): Promise<RefundJobDoc> {
    const now = new Date();
    await this.jobs.updateOne(
      { _id: eventId },
      { $setOnInsert: { ownerId, status: 'cancelling', done: 0, total: 0, failed: 0, startedAt: now, updatedAt: now } },
      { upsert: true },
    );
    const job = await this.jobs.findOne({ _id: eventId });
    if (!job) throw new Error(`refund job ${eventId} vanished`);
    return job;
  }

  /** Sets the total of a job that has counted nothing yet. */
  async initTotal(eventId: string, total: number): Promise<void> {
    await this.jobs.updateOne({ _id: eventId, total: 0, done: 0 }, { $set: { total, updatedAt: new Date() } });
  }

  async progress(eventId: string, counts: { done: number; total: number; failed: number }): Promise<void> {
    await this.jobs.updateOne({ _id: eventId }, { $set: { ...counts, updatedAt: new Date() } });
  }

  async finish(eventId: string, counts: { done: number; total: number; failed: number }): Promise<void> {
    const now = new Date();
    await this.jobs.updateOne({ _id: eventId }, { $set: { ...counts, status: 'cancelled', usedRefunded: true, updatedAt: now, finishedAt: now } });
  }

  /** Jobs finished before checked-in tickets were refunded too. */
  finishedWithoutUsed(): Promise<RefundJobDoc[]> {
    return this.jobs.find({ status: 'cancelled', usedRefunded: { $ne: true } }).toArray();
  }

  /** Runs a finished job again (it picks up what it left); false when it is not finished. */
  async reopen(eventId: string): Promise<boolean> {
    const result = await this.jobs.updateOne(
      { _id: eventId, status: 'cancelled' },
      { $set: { status: 'cancelling', updatedAt: new Date() }, $unset: { finishedAt: '' } },
    );
    return result.modifiedCount === 1;
  }

  /** Nothing was left to refund: no need to look at this job again. */
  async markUsedRefunded(eventId: string): Promise<void> {
    await this.jobs.updateOne({ _id: eventId }, { $set: { usedRefunded: true } });
  }

  unfinished(): Promise<RefundJobDoc[]> {
    return this.jobs.find({ status: 'cancelling' }).toArray();
  }
}
