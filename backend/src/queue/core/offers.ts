import type { EffectLog } from './effect-log.js';
import type { QueueEntry } from './entry.js';
import { dequeue, headOfLine } from './line.js';
import { freeTickets, type QueueState } from './state.js';
import type { OfferEndReason } from './types.js';

/**
 * Offers free tickets to the head of the line, in order, while it can: the head gets its
 * quantity if that many are free; if it wants more than is free it waits (nobody behind it may
 * skip ahead), unless even every live offer coming back could not free enough, in which case it
 * is offered what remains.
 */
export function fill(state: QueueState, now: number, log: EffectLog): void {
  if (!state.opened || state.config.cancelled) return;
  for (;;) {
    const free = freeTickets(state);
    if (free <= 0) return;
    const head = headOfLine(state);
    if (!head) return;
    if (head.quantity <= free) makeOffer(state, head, head.quantity, now, log);
    else if (free + state.held < head.quantity) makeOffer(state, head, free, now, log);
    else return;
  }
}

function makeOffer(state: QueueState, entry: QueueEntry, quantity: number, now: number, log: EffectLog): void {
  dequeue(state, entry);
  state.waiting--;
  entry.status = 'offered';
  entry.offeredQuantity = quantity;
  entry.offerExpiresAt = now + state.config.offerWindowSec * 1000;
  state.held += quantity;
  state.offers.push(entry);
  log.entryChanged(entry);
  log.offerMade(entry);
}

/** Ends a live offer; its tickets are held no more. The caller sets the entry's new status. */
export function endOffer(state: QueueState, entry: QueueEntry, reason: OfferEndReason, log: EffectLog): void {
  state.offers.remove(entry);
  state.held -= entry.offeredQuantity;
  log.entryChanged(entry);
  log.offerEnded(entry, reason);
}

/** Ends every live offer whose deadline has passed. Returns how many ended. */
export function expireDue(state: QueueState, now: number, log: EffectLog): number {
  let expired = 0;
  for (let entry = state.offers.peek(); entry && entry.offerExpiresAt <= now; entry = state.offers.peek()) {
    entry.status = 'expired';
    endOffer(state, entry, 'expired', log);
    expired++;
  }
  return expired;
}
