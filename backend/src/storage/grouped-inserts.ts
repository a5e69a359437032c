import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';
import { isDuplicateKey } from './duplicate-key.js';

/** What became of one caller's documents: all stored, except those whose unique key was taken. */
export interface GroupedInsertResult {
  inserted: number;
  /** Indexes (into the caller's documents) refused as duplicate keys: already stored. */
  duplicates: number[];
}

interface Waiter<T> {
  docs: T[];
  resolve: (result: GroupedInsertResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for plain inserts: documents handed over in the same turn of the event loop reach
 * the database as one `insertMany` (ordered: false) instead of one command each. A rush makes such
 * turns common: every purchase one journal write acknowledges writes its tickets, then its
 * confirmation mail, in the same turn, and on these machines a database command costs this process
 * ≈ 60-300 µs of CPU against ≈ 10-20 µs per extra document in a shared one (docs/capacity.md).
 *
 * Each caller gets its own answer: its documents refused as duplicate keys are listed (they are
 * already stored: the callers' exactly-once answers), and any other refusal of one of its documents,
 * or a failure of the whole command (the database unreachable), rejects it with that error. The
 * documents of other callers in the batch are unaffected by a refusal of one of yours.
 */
export class GroupedInserts<T extends Document> {
  private pending: Array<Waiter<T>> = [];

  constructor(private readonly collection: Collection<T>) {}

  insert(docs: T[]): Promise<GroupedInsertResult> {
    if (docs.length === 0) return Promise.resolve({ inserted: 0, duplicates: [] });
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ docs, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const all = batch.flatMap((waiter) => waiter.docs) as Array<OptionalUnlessRequiredId<T>>;
    let refusals: Refusal[] = [];
    let failure: unknown;
    try {
      await this.collection.insertMany(all, { ordered: false });
    } catch (err) {
      const listed = refusalsOf(err);
      // No per-document answer: the command as a whole failed, and may or may not have landed.
      if (!listed) {
        for (const waiter of batch) waiter.reject(err);
        return;
      }
      refusals = listed;
      failure = err;
    }
    let offset = 0;
    for (const waiter of batch) {
      const end = offset + waiter.docs.length;
      const mine = refusals.filter((r) => r.index >= offset && r.index < end);
      // The bulk error itself, as a lone insert would have thrown (it also names the other callers' refusals).
      if (mine.some((r) => !r.duplicate)) waiter.reject(failure);
      else waiter.resolve({ inserted: waiter.docs.length - mine.length, duplicates: mine.map((r) => r.index - offset) });
      offset = end;
    }
  }
}

interface Refusal {
  /** Index into the batch's documents. */
  index: number;
  duplicate: boolean;
}

/** The per-document refusals of an unordered bulk insert, or undefined when the error has none. */
function refusalsOf(err: unknown): Refusal[] | undefined {
  const writeErrors = (err as { writeErrors?: unknown } | null)?.writeErrors;
  const list: unknown[] = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0) return undefined;
  const refusals = list.map((e) => {
    const index = (e as { index?: unknown }).index;
    return { index: typeof index === 'number' ? index : -1, duplicate: isDuplicateKey(e) };
  });
  // A refusal that names no document cannot be given to its caller: treat the batch as failed.
  return refusals.every((r) => r.index >= 0) ? refusals : undefined;
}
