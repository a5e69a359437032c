import type { Clock, TimerId } from './clock.js';

/** setTimeout cannot wait longer than ~24.8 days; far timers re-check daily. */
const MAX_TIMER_MS = 24 * 3600_000;

/** The one timer of an event's actor: set to its earliest offer deadline or on-sale time, re-armed after every message. */
export class ActorTimer {
  private id?: TimerId;
  /** The time the pending timer was armed for. */
  private armedAt?: number;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly fire: () => void,
  ) {}

  /** Fire at `at` (ms epoch), replacing the previous time; null clears it. */
  arm(at: number | null): void {
    // Re-armed after every message, mostly for the same deadline (a join leaves the earliest offer
    // where it was): that timer stands, rather than being cleared and set again per join.
    if (at !== null && at === this.armedAt && this.id !== undefined) return;
    this.clear();
    if (at === null || this.stopped) return;
    this.armedAt = at;
    this.id = this.clock.setTimeout(
      () => {
        this.id = undefined;
        this.fire();
      },
      Math.min(MAX_TIMER_MS, Math.max(0, at - this.clock.now())),
    );
  }

  /** Clears the timer for good (the actor stopped). */
  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private clear(): void {
    if (this.id !== undefined) this.clock.clearTimeout(this.id);
    this.id = undefined;
    this.armedAt = undefined;
  }
}
