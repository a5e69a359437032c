import type { EventFields, UpdateEventRequest } from '@queuetix/contracts/events';
import type { ConfigPatch, EventConfig } from '../queue/core/index.js';
import { legacyType } from '../queue/core/ticket-types.js';
import { coreTypesOf } from './ticket-type-config.js';

/**
 * The actor's configuration of a new event (times in ms, as the core keeps them). Without
 * ticketTypes, price and totalTickets make one type, as before types.
 */
export function actorConfigOf(input: EventFields): EventConfig {
  const price = input.price ?? 0;
  const totalTickets = input.totalTickets ?? 0;
  return {
    totalTickets,
    maxPerBuyer: input.maxPerBuyer,
    offerWindowSec: input.offerWindowSec,
    salesStartAt: input.salesStartAt ? Date.parse(input.salesStartAt) : null,
    price,
    currency: input.currency,
    cancelled: false,
    types: input.ticketTypes ? coreTypesOf(input.ticketTypes) : [legacyType({ price, totalTickets })],
    capacity: input.capacity ?? null,
  };
}

/** The part of an edit the actor must agree to first (capacity, types and the queue's rules). */
export function actorPatchOf(patch: UpdateEventRequest): ConfigPatch {
  const out: ConfigPatch = {};
  if (patch.totalTickets !== undefined) out.totalTickets = patch.totalTickets;
  if (patch.maxPerBuyer !== undefined) out.maxPerBuyer = patch.maxPerBuyer;
  if (patch.offerWindowSec !== undefined) out.offerWindowSec = patch.offerWindowSec;
  if (patch.salesStartAt !== undefined) out.salesStartAt = patch.salesStartAt === null ? null : Date.parse(patch.salesStartAt);
  if (patch.price !== undefined) out.price = patch.price;
  if (patch.currency !== undefined) out.currency = patch.currency;
  if (patch.ticketTypes !== undefined) out.types = coreTypesOf(patch.ticketTypes);
  if (patch.capacity !== undefined) out.capacity = patch.capacity;
  return out;
}
