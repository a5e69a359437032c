import type { QueueEntry } from './entry.js';
import type { QueueState } from './state.js';

/** Puts a waiting entry at the back of the line. */
export function enqueue(state: QueueState, entry: QueueEntry): void {
  entry.slot = state.waitingInLine.push(1);
  state.line.push(entry);
}

/** Takes an entry that stops waiting out of the position count (its slot stays, never reused). */
export function dequeue(state: QueueState, entry: QueueEntry): void {
  if (entry.slot >= 0) state.waitingInLine.add(entry.slot, -1);
}

/** The first waiting entry of the line. Advances the head past ended entries (amortised O(1)). */
export function headOfLine(state: QueueState): QueueEntry | undefined {
  const line = state.line;
  let slot = state.headSlot;
  while (slot < line.length && line[slot]!.status !== 'waiting') slot++;
  state.headSlot = slot;
  return line[slot];
}

/** 1-based position among waiting entries of the line, in O(log n); undefined when not in it. */
export function positionOf(state: QueueState, entry: QueueEntry): number | undefined {
  if (entry.status !== 'waiting' || entry.slot < 0) return undefined;
  return state.waitingInLine.prefix(entry.slot);
}
