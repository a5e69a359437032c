/**
 * When group commit holds a write back a moment to gather more into it (its "linger"). A writer
 * with one write in flight at a time sends, when that write ends, whatever arrived meanwhile; on a
 * steady stream that is a small batch, and every command costs the sender (the mongodb driver's
 * own work: docs/capacity.md) and the database a fixed share beyond its documents. Waiting
 * `lingerMs` more — only while the previous write ended less than `busyWithinMs` ago and fewer
 * than `lingerBelow` items wait — makes fewer, larger writes. A writer that has been quiet writes
 * at once, so a lone request pays nothing. */
export interface LingerOptions {
  lingerMs: number;
  lingerBelow: number;
  busyWithinMs: number;
}

/**
 * Measured with one backend on the embedded FerretDB/PostgreSQL on a slow day, against the journal's
 * earlier 1 ms / 64 / 5 ms and no linger for new users (alternating runs, docs/capacity.md): 12,000
 * warm joins made a third fewer journal writes (≈ 34 joins per document instead of ≈ 23) at the
 * same rate; 10,000 joins with tokens never seen ran 1.30 × as fast with 25% less CPU per join in
 * the backend and in FerretDB. With 5 ms, a slow database let that moment pass before the next
 * command arrived, so most writes went without lingering.
 */
const DEFAULT_LINGER: LingerOptions = { lingerMs: 2, lingerBelow: 256, busyWithinMs: 20 };

export class Linger {
  /** When the last write ended (Date.now), -Infinity before the first. */
  private lastWriteEndedAt = -Infinity;

  private readonly options: LingerOptions;

  /** DEFAULT_LINGER, with any of its settings replaced (tests linger longer than a busy machine stalls). */
  constructor(options: Partial<LingerOptions> = {}) {
    this.options = { ...DEFAULT_LINGER, ...options };
  }

  /** Before a write of `waiting` items: undefined to write now, or a wait of `lingerMs` while a stream flows. */
  beforeWrite(waiting: number): Promise<void> | undefined {
    const { lingerMs, lingerBelow, busyWithinMs } = this.options;
    if (lingerMs <= 0 || waiting >= lingerBelow || Date.now() - this.lastWriteEndedAt >= busyWithinMs) return undefined;
    return new Promise((resolve) => setTimeout(resolve, lingerMs));
  }

  /** A write landed (a failed one leaves the writer broken or retrying, not streaming). */
  written(): void {
    this.lastWriteEndedAt = Date.now();
  }
}
