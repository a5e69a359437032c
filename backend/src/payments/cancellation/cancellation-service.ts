import type { CancelEventResponse } from '@queuetix/contracts/events';
import type { DomainBus } from '../../domain-bus.js';
import { Forbidden, NotFound } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { EventQueues } from '../../queue/event-queues.js';
import type { EventsPort, TicketsPort } from '../ports.js';
import type { RefundLedger } from '../refunds/refund-ledger.js';
import type { Refunder } from '../refunds/refunder.js';
import { refundCancelledEvent, TicketsStillBeingWritten, type RefundCounts } from './refund-run.js';
import type { RefundJobDoc, RefundJobs } from './refund-jobs.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 60_000;
const ANSWER_WAIT_MS = 3_000;

/**
 * Cancelling an event: the job record first (so a crash at any later point resumes), then the
 * actor stops sales and offers at once, the event is marked cancelled, and the refunds run in the
 * background until every paid ticket, valid or used, is refunded. Resumed at start-up; retried with backoff
 * while Stripe or the database is away.
 */
export class CancellationService {
  private readonly running = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly deps: {
      jobs: RefundJobs;
      events: EventsPort;
      queues: EventQueues;
      tickets: TicketsPort;
      ledger: RefundLedger;
      refunder: Refunder;
      bus: DomainBus;
      log: Logger;
      /** Awaited before the job is recorded as finished (the seller's "cancelled and refunded" message). */
      finished?: (eventId: string, ownerId: string, counts: RefundCounts) => Promise<void>;
    },
  ) {}

  async cancel(eventId: string, callerId: string): Promise<CancelEventResponse> {
    const event = await this.deps.events.get(eventId);
    if (!event) throw new NotFound('Event');
    if (event.ownerId !== callerId) throw new Forbidden('Only the owner of this event can cancel it');
    const job = await this.deps.jobs.open(eventId, event.ownerId);
    if (job.status === 'cancelling') {
      await this.stopSales(eventId);
      const refundable = await this.deps.tickets.listRefundable(eventId);
      // The first answer already says how many refunds there are to make.
      await this.deps.jobs.initTotal(eventId, refundable.length);
      const run = this.resume(eventId);
      // Nothing to refund: the job ends at once, and the answer can say so (bounded: an outage must not hold the request).
      if (refundable.length === 0) await Promise.race([run, sleep(ANSWER_WAIT_MS, this.stopping.signal)]);
    }
    return this.progress(eventId);
  }

  async progress(eventId: string): Promise<CancelEventResponse> {
    const job = await this.deps.jobs.get(eventId);
    if (!job) return { status: 'cancelling', refunds: { done: 0, total: 0 } };
    return { status: job.status, refunds: { done: job.done, total: job.total } };
  }

  /** The event was cancelled through the actor by someone else (eventCancelled effect): make sure refunds run. */
  async ensureJob(eventId: string): Promise<void> {
    const event = await this.deps.events.get(eventId);
    if (!event) return;
    const job = await this.deps.jobs.open(eventId, event.ownerId);
    if (job.status === 'cancelling') void this.resume(eventId);
  }

  /**
   * Resumes every job a previous process left unfinished, and reopens, once, jobs that finished
   * before checked-in tickets were refunded too, if they left any.
   */
  async resumeAll(): Promise<void> {
    for (const job of await this.deps.jobs.finishedWithoutUsed()) {
      if ((await this.deps.tickets.listRefundable(job._id)).length === 0) await this.deps.jobs.markUsedRefunded(job._id);
      else if (await this.deps.jobs.reopen(job._id))
        this.deps.log.warn({ eventId: job._id }, 'cancelled event left checked-in tickets unrefunded; refunding them now');
    }
    for (const job of await this.deps.jobs.unfinished()) void this.resume(job._id);
  }

  /** Runs the event's job until it is done (one run at a time per event); resolves when it ends. */
  resume(eventId: string): Promise<void> {
    let run = this.running.get(eventId);
    if (!run) {
      run = this.runUntilDone(eventId).finally(() => this.running.delete(eventId));
      this.running.set(eventId, run);
    }
    return run;
  }

  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  private async runUntilDone(eventId: string): Promise<void> {
    let delay = FIRST_RETRY_MS;
    while (!this.stopping.signal.aborted) {
      try {
        const job = await this.deps.jobs.get(eventId);
        if (!job || job.status === 'cancelled') return;
        await this.stopSales(eventId);
        const counts = await refundCancelledEvent(eventId, this.deps, (c) => this.report(job, c));
        await this.deps.finished?.(eventId, job.ownerId, counts);
        await this.deps.jobs.finish(eventId, counts);
        this.emit(job, counts);
        this.deps.log.info({ eventId, ...counts }, 'event cancelled and refunded');
        return;
      } catch (err) {
        const level = err instanceof TicketsStillBeingWritten ? 'info' : 'warn';
        this.deps.log[level]({ eventId, err, retryInMs: delay }, 'refund job paused; retrying');
        await sleep(delay, this.stopping.signal);
        delay = Math.min(MAX_RETRY_MS, delay * 2);
      }
    }
  }

  /** Idempotent: the actor answers alreadyCancelled, the event document is set again. */
  private async stopSales(eventId: string): Promise<void> {
    await this.deps.queues.command(eventId, { type: 'cancel' });
    await this.deps.events.markCancelled(eventId);
  }

  private async report(job: RefundJobDoc, counts: RefundCounts): Promise<void> {
    await this.deps.jobs.progress(job._id, counts);
    this.emit(job, counts);
  }

  private emit(job: RefundJobDoc, counts: RefundCounts): void {
    this.deps.bus.emit('refundsProgress', { eventId: job._id, ownerId: job.ownerId, done: counts.done, total: counts.total });
  }
}

/** Resolves after ms, or at once when the service stops. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
