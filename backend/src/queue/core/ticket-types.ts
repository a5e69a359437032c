import type { EventConfig, ResolvedConfig, TypeConfig } from './types.js';

/** The id and name an event stored before ticket types reads with (docs/domain.md, Ticket types). */
export const LEGACY_TYPE_ID = 'general';
export const LEGACY_TYPE_NAME = 'General admission';

/**
 * The one type of an event configured the old way (price and totalTickets only). Its own limit is
 * the highest, so the event's maxPerBuyer alone applies, as before types.
 */
export function legacyType(config: Pick<EventConfig, 'price' | 'totalTickets'>): TypeConfig {
  return {
    id: LEGACY_TYPE_ID,
    name: LEGACY_TYPE_NAME,
    description: '',
    price: config.price,
    capacity: config.totalTickets,
    maxPerBuyer: 10,
    salesStartAt: null,
    salesEndAt: null,
    hidden: false,
  };
}

export function sumOfCapacities(types: readonly TypeConfig[]): number {
  let sum = 0;
  for (const type of types) sum += type.capacity;
  return sum;
}

/** The first visible type: what `price` means for one-type clients and what `{ quantity }` asks for. */
export function firstVisible(types: readonly TypeConfig[]): TypeConfig {
  return types.find((t) => !t.hidden) ?? types[0]!;
}

/**
 * Keeps the derived one-type fields in step with the types: `totalTickets` is what the event can
 * sell in all, `price` the first visible type's price. Old clients and old journals read these.
 */
export function withDerivedFields(config: EventConfig): ResolvedConfig {
  const types = config.types ?? [legacyType(config)];
  const sum = sumOfCapacities(types);
  const capacity = config.capacity ?? null;
  return { ...config, types, capacity, totalTickets: capacity === null ? sum : Math.min(capacity, sum), price: firstVisible(types).price };
}

/** A type's sale window is open at `now` (the event's own on-sale is checked separately). */
export function inSaleWindow(type: TypeConfig, now: number): boolean {
  return (type.salesStartAt === null || type.salesStartAt <= now) && (type.salesEndAt === null || now < type.salesEndAt);
}
