import { holdItems, sumOf, typeEverLeft, typeFree, typeOf } from './capacity.js';
import { discountPerTicket, holdCode } from './codes.js';
import type { EffectLog } from './effect-log.js';
import type { QueueEntry } from './entry.js';
import { dequeue, headOfLine } from './line.js';
import { freeTickets, type QueueState } from './state.js';
import { inSaleWindow } from './ticket-types.js';
import type { OfferedItem, OfferEndReason, OrderItem } from './types.js';

/**
 * Offers free tickets down the line, in join order (docs/domain.md, The waiting queue). An entry
 * is offered when everything it asks for can be held from what is free; otherwise every type it
 * asks for is reserved for it, so no later entry gets a ticket of a type an earlier waiting entry
 * asked for (invariant "no type skipping"), while a later entry asking only for other types is
 * offered. What can never be met (a type sold out, its sale over) is cut to what remains, as
 * one-type events always did; an entry left with nothing waits.
 */
export function fill(state: QueueState, now: number, log: EffectLog): void {
  if (!state.opened || state.config.cancelled) return;
  if (freeTickets(state) <= 0 || !headOfLine(state)) return;
  const reserved = new Set<string>();
  const typeCount = state.config.types.length;
  const line = state.line;
  for (let slot = state.headSlot; slot < line.length; slot++) {
    const entry = line[slot]!;
    if (entry.status !== 'waiting') continue;
    const plan = planOffer(state, entry.items, now, reserved);
    if (plan) {
      makeOffer(state, entry, plan, now, log);
      if (freeTickets(state) <= 0) return;
    } else {
      for (const item of entry.items) reserved.add(item.typeId);
      if (reserved.size >= typeCount) return;
    }
  }
}

/** What the entry would be offered now, or undefined when it must wait. */
function planOffer(state: QueueState, items: readonly OrderItem[], now: number, reserved: ReadonlySet<string>): OrderItem[] | undefined {
  const want = attainable(state, items, now);
  if (want.length === 0) return undefined;
  const plan: OrderItem[] = [];
  for (const item of want) {
    const type = typeOf(state, item.typeId)!;
    if (reserved.has(type.id) || !inSaleWindow(type, now)) return undefined;
    const free = typeFree(state, type);
    // A cut item is offered what is free now (one-type events always did): waiting cannot bring more.
    const quantity = item.cut ? Math.min(item.quantity, free) : item.quantity;
    if (quantity <= 0 || quantity > free) return undefined;
    plan.push({ typeId: item.typeId, quantity });
  }
  return sumOf(plan) <= freeTickets(state) ? plan : undefined;
}

/**
 * The items cut to what could still ever be sold (held tickets counted as coming back); `cut`
 * marks an item that can never be met in full.
 */
export function attainable(state: QueueState, items: readonly OrderItem[], now: number): (OrderItem & { cut: boolean })[] {
  const out: (OrderItem & { cut: boolean })[] = [];
  let everAll = state.config.totalTickets - state.sold;
  for (const item of items) {
    const type = typeOf(state, item.typeId);
    if (!type || (type.salesEndAt !== null && type.salesEndAt <= now)) continue;
    const quantity = Math.min(item.quantity, typeEverLeft(state, type), everAll);
    if (quantity <= 0) continue;
    everAll -= quantity;
    out.push({ typeId: item.typeId, quantity, cut: quantity < item.quantity });
  }
  return out;
}

function makeOffer(state: QueueState, entry: QueueEntry, items: OrderItem[], now: number, log: EffectLog): void {
  dequeue(state, entry);
  state.waiting--;
  const code = entry.discountCodeId === undefined ? undefined : state.codes.get(entry.discountCodeId);
  const offered: OfferedItem[] = items.map((item) => {
    const type = typeOf(state, item.typeId)!;
    return { typeId: item.typeId, quantity: item.quantity, unitPrice: type.price, discountPerTicket: discountPerTicket(code, type.id, type.price) };
  });
  entry.status = 'offered';
  entry.offered = offered;
  entry.offeredQuantity = sumOf(offered);
  entry.offerExpiresAt = now + state.config.offerWindowSec * 1000;
  holdItems(state, offered, 1);
  state.offers.push(entry);
  log.entryChanged(entry);
  log.offerMade(entry);
}

/** Ends a live offer; its tickets are held no more. The caller sets the entry's new status. */
export function endOffer(state: QueueState, entry: QueueEntry, reason: OfferEndReason, log: EffectLog): void {
  state.offers.remove(entry);
  holdItems(state, offeredItemsOf(state, entry), -1);
  if (reason !== 'purchased') releaseCodes(state, entry);
  log.entryChanged(entry);
  log.offerEnded(entry, reason);
}

/** An entry that ends unpaid gives its code uses back. */
export function releaseCodes(state: QueueState, entry: QueueEntry): void {
  holdCode(state, entry.accessCodeId, -1);
  holdCode(state, entry.discountCodeId, -1);
}

/** The offer's lines; an offer made before ticket types is of the legacy type at the event's price. */
export function offeredItemsOf(state: QueueState, entry: QueueEntry): OfferedItem[] {
  if (entry.offered) return entry.offered;
  const typeId = entry.items[0]?.typeId ?? state.config.types[0]!.id;
  return [{ typeId, quantity: entry.offeredQuantity, unitPrice: state.config.price, discountPerTicket: 0 }];
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
