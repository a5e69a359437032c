import type { Event, EventFields, TicketType } from '@queuetix/contracts';
import { fromLocalInput, toLocalInput, toMajor, toMinor } from './format';

/** One ticket type as the seller types it (strings for inputs, major currency units, venue wall times). */
export interface TypeForm {
  /** Kept from the server when editing, so the type's sales stay with it; absent for a new type. */
  id?: string;
  /** Stable for v-for while types are added, removed and moved. */
  key: string;
  name: string;
  description: string;
  price: string | number;
  capacity: number | '';
  /** Blank: the event's own per-buyer limit. */
  maxPerBuyer: number | '';
  salesStartAt: string;
  salesEndAt: string;
  hidden: boolean;
}

let nextKey = 0;
const newKey = () => `t${++nextKey}`;

export function emptyType(overrides: Partial<TypeForm> = {}): TypeForm {
  return { key: newKey(), name: '', description: '', price: '', capacity: 100, maxPerBuyer: '', salesStartAt: '', salesEndAt: '', hidden: false, ...overrides };
}

export function typeFormFrom(t: TicketType, currency: string, timeZone: string, eventMax: number): TypeForm {
  return {
    id: t.id,
    key: newKey(),
    name: t.name,
    description: t.description,
    price: toMajor(t.price, currency),
    capacity: t.capacity,
    maxPerBuyer: t.maxPerBuyer === eventMax ? '' : t.maxPerBuyer,
    salesStartAt: toLocalInput(t.salesStartAt, timeZone),
    salesEndAt: toLocalInput(t.salesEndAt, timeZone),
    hidden: t.hidden,
  };
}

/** Form → the API's type input (unvalidated: the shared schema decides; blanks become NaN for it to name). */
export function typeInputFrom(f: TypeForm, currency: string, timeZone: string): NonNullable<EventFields['ticketTypes']>[number] {
  return {
    ...(f.id ? { id: f.id } : {}),
    name: f.name,
    description: f.description,
    price: String(f.price).trim() === '' ? Number.NaN : toMinor(f.price, currency),
    capacity: f.capacity === '' ? Number.NaN : Number(f.capacity),
    ...(f.maxPerBuyer === '' ? {} : { maxPerBuyer: Number(f.maxPerBuyer) }),
    salesStartAt: fromLocalInput(f.salesStartAt, timeZone) || null,
    salesEndAt: fromLocalInput(f.salesEndAt, timeZone) || null,
    hidden: f.hidden,
  };
}

/**
 * An event the simple form can show: one type, public, without a window or description of its own
 * (every event made before types, and most made since). Anything more opens the types editor.
 */
export function isSimple(event: Pick<Event, 'ticketTypes' | 'capacity' | 'maxPerBuyer'>): boolean {
  const [only, ...rest] = event.ticketTypes;
  return (
    !!only &&
    rest.length === 0 &&
    event.capacity === null &&
    !only.hidden &&
    !only.description &&
    !only.salesStartAt &&
    !only.salesEndAt &&
    only.maxPerBuyer === event.maxPerBuyer
  );
}

/** Moves the type at `from` one place up (-1) or down (+1); out of range leaves the list as it is. */
export function moveType<T>(list: T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || to < 0 || from >= list.length || to >= list.length) return list;
  const next = [...list];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** Tickets the types can sell in all (the overall capacity may be lower, never higher). */
export function sumCapacity(types: readonly TypeForm[]): number {
  return types.reduce((sum, t) => sum + (t.capacity === '' ? 0 : Number(t.capacity) || 0), 0);
}
