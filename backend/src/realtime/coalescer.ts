export interface CoalescerOptions {
  /** At most one flush per key in this many ms while changes keep coming (per key, when a function). */
  intervalMs: number | ((key: string) => number);
  /** Wait this long after the first change of a quiet key, so a burst lands in one flush. */
  leadMs: number;
}

interface Slot {
  timer?: NodeJS.Timeout;
  running: boolean;
  dirty: boolean;
  lastRunAt: number;
}

/**
 * Turns a stream of "key changed" marks into few flushes: the first mark of a quiet key flushes
 * after `leadMs`; while marks keep arriving it flushes at most once per `intervalMs`; a flush
 * never overlaps another of the same key, and a mark during a flush causes one more after it.
 */
export class Coalescer {
  private readonly slots = new Map<string, Slot>();
  private closed = false;

  constructor(
    private readonly flush: (key: string) => Promise<void>,
    private readonly options: CoalescerOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  mark(key: string): void {
    if (this.closed) return;
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = { running: false, dirty: false, lastRunAt: -Infinity }));
    slot.dirty = true;
    if (!slot.timer && !slot.running) this.arm(key, slot);
  }

  /** Keys with a flush pending or running (for tests and metrics). */
  get size(): number {
    return this.slots.size;
  }

  close(): void {
    this.closed = true;
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    this.slots.clear();
  }

  private intervalOf(key: string): number {
    const { intervalMs } = this.options;
    return typeof intervalMs === 'number' ? intervalMs : intervalMs(key);
  }

  private arm(key: string, slot: Slot): void {
    const sinceLast = this.clock() - slot.lastRunAt;
    const delay = Math.max(this.options.leadMs, this.intervalOf(key) - sinceLast);
    slot.timer = setTimeout(() => this.fire(key, slot), delay);
  }

  private fire(key: string, slot: Slot): void {
    slot.timer = undefined;
    if (this.closed || this.slots.get(key) !== slot) return;
    if (!slot.dirty) {
      // Quiet for a whole interval: forget the key (its next change flushes after leadMs).
      this.slots.delete(key);
      return;
    }
    slot.dirty = false;
    slot.running = true;
    slot.lastRunAt = this.clock();
    void this.flush(key)
      .catch(() => undefined)
      .finally(() => {
        slot.running = false;
        if (this.closed || this.slots.get(key) !== slot) return;
        // Re-check after the interval: flush again if marked meanwhile, else forget the key.
        slot.timer = setTimeout(() => this.fire(key, slot), Math.max(0, this.intervalOf(key) - (this.clock() - slot.lastRunAt)));
      });
  }
}
