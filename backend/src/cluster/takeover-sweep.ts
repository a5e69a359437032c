import type { Logger } from '../logger.js';
import type { EventQueues } from '../queue/event-queues.js';
import type { LeaseStore } from './lease-store.js';

/**
 * Fail-over without waiting for a request: every lease/3 (with jitter, so instances do not all
 * look at once), each instance looks at the events whose actor must keep running (live offers, a
 * pending on-sale) and takes over those whose lease ran out. Offer deadlines are re-armed by the
 * actor's recovery; the first instance to take token n+1 wins, the others see it live.
 */
export class TakeoverSweep {
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly queues: EventQueues,
    private readonly store: LeaseStore,
    private readonly periodMs: number,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** One look; returns the events this instance took over. */
  async sweep(): Promise<string[]> {
    const candidates = (await this.queues.liveEventIds()).filter((eventId) => !this.queues.isRunning(eventId));
    const leases = await this.store.currentOf(candidates);
    const now = this.clock();
    const orphans = candidates.filter((eventId) => (leases.get(eventId)?.expiresAt.getTime() ?? 0) <= now);
    for (const eventId of orphans) await this.queues.wake(eventId);
    const taken = orphans.filter((eventId) => this.queues.isRunning(eventId));
    if (taken.length) this.log.info({ events: taken.length }, 'cluster: took over events whose owner stopped renewing');
    return taken;
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = this.periodMs * (0.75 + Math.random() / 2);
    this.timer = setTimeout(() => {
      this.sweep()
        .catch((err) => this.log.warn({ err }, 'cluster: take-over sweep failed'))
        .finally(() => this.schedule());
    }, delay);
    this.timer.unref();
  }
}
