/**
 * Fencing of one persistence key (one event): the token its current writer holds, and how to ask
 * whether a newer owner has appeared since. The token comes from the event's lease (cluster/).
 */
export interface Fence {
  token: number;
  /** True once a newer owner holds (or is taking) the event: this writer must stop writing. */
  superseded(): Promise<boolean>;
}

/** A write refused because another owner took the event over: this process must not write it again. */
export class FencedOut extends Error {
  readonly fenced = true;
  constructor(key: string, reason: string) {
    super(`write to ${key} refused: ${reason}`);
  }
}

export const isFencedOut = (err: unknown): err is FencedOut => (err as { fenced?: unknown })?.fenced === true;

/**
 * The record an owner journals first when it takes an event over (its era start). It changes no
 * state; it occupies the journal slot right after what the owner recovered, so the previous owner's
 * next write (which must start at that slot) fails on the unique (key, from) index.
 */
export interface FenceRecord {
  fence: number;
}

export const isFenceRecord = (data: unknown): data is FenceRecord =>
  typeof data === 'object' && data !== null && typeof (data as { fence?: unknown }).fence === 'number';
