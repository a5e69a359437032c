import type { Availability } from '@queuetix/contracts/events';
import type { Logger } from '../logger.js';
import type { EventRepository } from './event-repository.js';

const THROTTLE_MS = 1_000;

/**
 * Keeps each event's stored availability close to its actor's, for listings of events whose actor
 * sleeps. During an on-sale availability changes thousands of times a second, so writes are
 * throttled to one per event per second, always with the latest numbers; nothing is lost, since
 * the last change of a burst is written when its second is up.
 */
export class AvailabilitySummaries {
  private readonly pending = new Map<string, Availability>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastWrite = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly repo: EventRepository,
    private readonly log: Logger,
  ) {}

  /** Records the latest numbers of an event; written now or within a second. */
  changed(eventId: string, availability: Availability): void {
    this.pending.set(eventId, availability);
    if (this.timers.has(eventId)) return;
    const wait = Math.max(0, (this.lastWrite.get(eventId) ?? 0) + THROTTLE_MS - Date.now());
    if (wait === 0) {
      this.flush(eventId);
      return;
    }
    this.timers.set(eventId, setTimeout(() => this.flush(eventId), wait).unref());
  }

  /** Writes at once, e.g. right after a create or an edit, so the next listing agrees. */
  async writeNow(eventId: string, availability: Availability): Promise<void> {
    this.pending.delete(eventId);
    this.lastWrite.set(eventId, Date.now());
    await this.repo.saveAvailability(eventId, availability);
  }

  /** Writes whatever is still pending (on shutdown). */
  async close(): Promise<void> {
    for (const [eventId, timer] of this.timers) {
      clearTimeout(timer);
      this.flush(eventId);
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(eventId: string): void {
    this.timers.delete(eventId);
    const availability = this.pending.get(eventId);
    if (!availability) return;
    this.pending.delete(eventId);
    this.lastWrite.set(eventId, Date.now());
    const write = this.repo
      .saveAvailability(eventId, availability)
      .catch((err: unknown) => {
        // The database is away: keep the numbers and try again after the next throttle window.
        this.log.warn({ eventId, err }, 'could not store availability summary; will retry');
        if (!this.pending.has(eventId)) this.changed(eventId, availability);
      })
      .finally(() => this.inFlight.delete(write));
    this.inFlight.add(write);
  }
}
