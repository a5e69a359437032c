/**
 * Time as a dependency (as XState's actor system clock): the actor shell reads `now` and sets its
 * timers only through a Clock, so tests step a SimulatedClock instead of waiting.
 */
export type TimerId = ReturnType<typeof setTimeout> | number;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

/** The real clock. Its timers do not keep a closing process alive (a running server is kept by its HTTP server). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (id) => clearTimeout(id),
};

/** A clock that moves only when told to: `advance` runs the timers that fall due, in time order. */
export class SimulatedClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = Date.UTC(2030, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(id: TimerId): void {
    if (typeof id === 'number') this.timers.delete(id);
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`; every timer due by then fires at its own time (also ones set while advancing). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (let due = this.earliestDue(target); due; due = this.earliestDue(target)) {
      this.timers.delete(due.id);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = target;
  }

  private earliestDue(by: number): { id: number; at: number; fn: () => void } | undefined {
    let earliest: { id: number; at: number; fn: () => void } | undefined;
    for (const [id, timer] of this.timers) {
      if (timer.at <= by && (!earliest || timer.at < earliest.at)) earliest = { id, ...timer };
    }
    return earliest;
  }
}
