/**
 * Choosing tickets of several types, shared by the site and the widget: whether a type can be asked
 * for now, how many of it an order may hold, and the join's items. Pure and free of dependencies
 * (types only), so it costs the widget only what it runs.
 */
import type { Event } from './events.js';
import type { TicketType, TypeAvailability } from './ticket-types.js';

/** What the buyer has chosen so far: quantity per ticket type id (absent = 0). */
export type Selection = Record<string, number>;

export interface Item {
  typeId: string;
  quantity: number;
}

/** Where a type stands for a buyer right now; only `open` types can be asked for. */
export type TypeState = 'open' | 'upcoming' | 'ended' | 'sold_out';

export function typeState(type: TicketType, availability: TypeAvailability | undefined, now: number): TypeState {
  if (availability?.soldOut) return 'sold_out';
  if (type.salesEndAt && Date.parse(type.salesEndAt) <= now) return 'ended';
  if (type.salesStartAt && Date.parse(type.salesStartAt) > now) return 'upcoming';
  return 'open';
}

/**
 * The types a buyer may pick from, in the seller's order: the public ones, and the hidden ones an
 * access code unlocked. (The server leaves hidden types out for buyers; their owner gets them all.)
 */
export function pickerTypes(event: Pick<Event, 'ticketTypes'>, unlocked: readonly TicketType[] = []): TicketType[] {
  const open = new Set(unlocked.map((t) => t.id));
  const shown = event.ticketTypes.filter((t) => !t.hidden || open.has(t.id));
  const known = new Set(shown.map((t) => t.id));
  return [...shown, ...unlocked.filter((t) => !known.has(t.id))];
}

export function selectedCount(selection: Selection): number {
  return Object.values(selection).reduce((sum, n) => sum + n, 0);
}

/**
 * The most of `type` this order may hold: the type's own limit and what the event's per-buyer limit
 * leaves after the other types chosen. Free tickets do not cap it: a buyer may wait in line for
 * tickets held by others' offers. A type that cannot be asked for allows none.
 */
export function maxFor(type: TicketType, state: TypeState, selection: Selection, maxPerOrder: number): number {
  if (state !== 'open') return 0;
  const others = selectedCount(selection) - (selection[type.id] ?? 0);
  return Math.max(0, Math.min(type.maxPerBuyer, maxPerOrder - others));
}

/** The selection with every quantity brought back inside what is allowed now (a type sold out, a window closed). */
export function clampSelection(selection: Selection, types: readonly TicketType[], states: Record<string, TypeState>, maxPerOrder: number): Selection {
  const out: Selection = {};
  for (const type of types) {
    const wanted = selection[type.id] ?? 0;
    if (!wanted) continue;
    const allowed = Math.min(wanted, maxFor(type, states[type.id] ?? 'open', out, maxPerOrder));
    if (allowed > 0) out[type.id] = allowed;
  }
  return out;
}

/** The join's `items`, in the seller's order of types, leaving out types at 0. */
export function itemsOf(selection: Selection, types: readonly Pick<TicketType, 'id'>[]): Item[] {
  return types.filter((t) => (selection[t.id] ?? 0) > 0).map((t) => ({ typeId: t.id, quantity: selection[t.id]! }));
}
