import { inSaleWindow } from './ticket-types.js';
import { addTo, freeTickets, typeHeldOf, typeSoldOf, type QueueState } from './state.js';
import type { OfferedItem, OrderItem, TypeConfig } from './types.js';

/**
 * Per-type and overall capacity (docs/domain.md, Ticket types): sold + held never exceed a type's
 * capacity, nor, summed over types, the event's total.
 */
export function typeOf(state: QueueState, typeId: string): TypeConfig | undefined {
  return state.config.types.find((t) => t.id === typeId);
}

/** Tickets of the type that could be held now (its own room and the event's, whichever is less). */
export function typeFree(state: QueueState, type: TypeConfig): number {
  return Math.max(0, Math.min(type.capacity - typeSoldOf(state, type.id) - typeHeldOf(state, type.id), freeTickets(state)));
}

/** Tickets of the type that could still ever be sold, if every live offer came back. */
export function typeEverLeft(state: QueueState, type: TypeConfig): number {
  return Math.max(0, Math.min(type.capacity - typeSoldOf(state, type.id), state.config.totalTickets - state.sold));
}

/** Sold (not merely held) up to its capacity or the event's. */
export function typeSoldOut(state: QueueState, type: TypeConfig): boolean {
  return typeEverLeft(state, type) === 0;
}

/** Can this type still be had at all: it exists, its sale has not ended, and it is not sold out. */
export function typeUnavailable(state: QueueState, typeId: string, now: number): boolean {
  const type = typeOf(state, typeId);
  return !type || typeSoldOut(state, type) || (type.salesEndAt !== null && type.salesEndAt <= now);
}

export function typeOnSale(state: QueueState, type: TypeConfig, now: number): boolean {
  return state.opened && !state.config.cancelled && inSaleWindow(type, now);
}

export function holdItems(state: QueueState, items: readonly OrderItem[], sign: 1 | -1): void {
  for (const item of items) {
    addTo(state.typeHeld, item.typeId, sign * item.quantity);
    state.held += sign * item.quantity;
  }
}

export function sellItems(state: QueueState, userId: string, items: readonly OfferedItem[]): void {
  for (const item of items) {
    addTo(state.typeSold, item.typeId, item.quantity);
    addTo(state.purchasedByUserType, `${userId}\u0000${item.typeId}`, item.quantity);
    state.sold += item.quantity;
  }
}

export function sumOf(items: readonly OrderItem[]): number {
  let sum = 0;
  for (const item of items) sum += item.quantity;
  return sum;
}
