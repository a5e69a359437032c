import type { Db } from 'mongodb';
import * as core from './core/index.js';
import type { QueueState } from './core/index.js';
import type { JournalRecord } from './event-actor.js';
import { MongoPersistenceEngine } from './persistence/mongo-persistence-engine.js';
import type { Logger } from '../logger.js';

export interface QueueAudit {
  entries: number;
  offered: number;
  /** Waiting entries ahead of someone who got an offer (line skipping): must be 0. */
  skipped: number;
  /** Pairs offered in the opposite order of the line: must be 0. */
  inversions: number;
  sold: number;
  held: number;
  total: number;
  lottery: QueueState['lottery'];
}

/**
 * Rebuilds an event's queue state from the database exactly as recovery does (latest snapshot,
 * then the journal after it), without an actor: for audits, operators and tests.
 */
export async function loadQueueState(db: Db, eventId: string, log: Logger): Promise<QueueState> {
  const engine = new MongoPersistenceEngine(db, log);
  const snapshot = await engine.latestSnapshot(eventId);
  const state = snapshot ? core.decodeSnapshot(snapshot.data) : core.createState();
  for (const event of await engine.loadEvents(eventId, snapshot?.sequenceNumber ?? 0)) {
    if (event.isDeleted) continue; // an owner's fence record: no state change
    const record = event.data as JournalRecord;
    const result = core.apply(state, record.cmd, record.now);
    if (!result.ok) throw new Error(`journal of ${eventId} does not replay: ${result.error.message}`);
  }
  return state;
}

/** Checks that offers went out in queue order: nobody skipped, no two offers swapped. */
export function auditQueue(state: QueueState): QueueAudit {
  let waitingSoFar = 0;
  let skipped = 0;
  const offerTimes: number[] = [];
  for (const entry of state.line) {
    if (entry.status === 'waiting') waitingSoFar++;
    if (entry.offeredQuantity > 0) {
      skipped += waitingSoFar;
      offerTimes.push(entry.offerExpiresAt);
    }
  }
  return {
    entries: state.entries.length,
    offered: offerTimes.length,
    skipped,
    inversions: countInversions(offerTimes),
    sold: state.sold,
    held: state.held,
    total: state.config.totalTickets,
    lottery: state.lottery,
  };
}

/** Pairs i < j with values[i] > values[j], by merge sort (O(n log n)). */
function countInversions(values: number[]): number {
  if (values.length < 2) return 0;
  const mid = values.length >> 1;
  const left = values.slice(0, mid);
  const right = values.slice(mid);
  let count = countInversions(left) + countInversions(right);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < left.length && j < right.length) {
    if (left[i]! <= right[j]!) values[k++] = left[i++]!;
    else {
      values[k++] = right[j++]!;
      count += left.length - i;
    }
  }
  while (i < left.length) values[k++] = left[i++]!;
  while (j < right.length) values[k++] = right[j++]!;
  return count;
}
