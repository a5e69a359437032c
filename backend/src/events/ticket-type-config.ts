import { randomBytes } from 'node:crypto';
import type { TicketType, TicketTypeInputs } from '@queuetix/contracts/ticket-types';
import type { z } from 'zod';
import type { TypeConfig } from '../queue/core/index.js';
import { legacyType } from '../queue/core/ticket-types.js';
import type { EventDoc } from './event-doc.js';

type ParsedTypeInputs = z.output<typeof TicketTypeInputs>;

const newTypeId = () => `t_${randomBytes(6).toString('base64url')}`;
const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

/**
 * The owner's types as the actor keeps them. A type sent with an id keeps that id (and its sales);
 * without one it gets a new id. No per-type limit means the event's maxPerBuyer alone applies.
 */
export function coreTypesOf(inputs: ParsedTypeInputs): TypeConfig[] {
  return inputs.map((t) => ({
    id: t.id ?? newTypeId(),
    name: t.name,
    description: t.description,
    price: t.price,
    capacity: t.capacity,
    maxPerBuyer: t.maxPerBuyer ?? 10,
    salesStartAt: ms(t.salesStartAt),
    salesEndAt: ms(t.salesEndAt),
    hidden: t.hidden,
  }));
}

/** What the events collection stores (the API's shape, limits as given). */
export function storedTypesOf(types: readonly TypeConfig[]): TicketType[] {
  return types.map((t) => ({ ...t, salesStartAt: iso(t.salesStartAt), salesEndAt: iso(t.salesEndAt) }));
}

/** An event stored before types reads as one visible type made of price and totalTickets. */
export function typesOfDoc(doc: Pick<EventDoc, 'ticketTypes' | 'price' | 'totalTickets'>): TicketType[] {
  return doc.ticketTypes ?? storedTypesOf([legacyType(doc)]);
}

/** The types as a viewer sees them: the effective per-buyer limit; hidden ones for the owner only. */
export function typesJson(doc: EventDoc, owner: boolean): TicketType[] {
  return typesOfDoc(doc)
    .filter((t) => owner || !t.hidden)
    .map((t) => ({ ...t, maxPerBuyer: Math.min(t.maxPerBuyer, doc.maxPerBuyer) }));
}
