import type { CreateEventRequest, UpdateEventRequest } from '@queuetix/contracts/events';
import type { ConfigPatch, EventConfig } from '../queue/core/index.js';

/** The actor's configuration of a new event (times in ms, as the core keeps them). */
export function actorConfigOf(input: CreateEventRequest): EventConfig {
  return {
    totalTickets: input.totalTickets,
    maxPerBuyer: input.maxPerBuyer,
    offerWindowSec: input.offerWindowSec,
    salesStartAt: input.salesStartAt ? Date.parse(input.salesStartAt) : null,
    price: input.price,
    currency: input.currency,
    cancelled: false,
  };
}

/** The part of an edit the actor must agree to first (capacity and the queue's rules). */
export function actorPatchOf(patch: UpdateEventRequest): ConfigPatch {
  const out: ConfigPatch = {};
  if (patch.totalTickets !== undefined) out.totalTickets = patch.totalTickets;
  if (patch.maxPerBuyer !== undefined) out.maxPerBuyer = patch.maxPerBuyer;
  if (patch.offerWindowSec !== undefined) out.offerWindowSec = patch.offerWindowSec;
  if (patch.salesStartAt !== undefined) out.salesStartAt = patch.salesStartAt === null ? null : Date.parse(patch.salesStartAt);
  if (patch.price !== undefined) out.price = patch.price;
  if (patch.currency !== undefined) out.currency = patch.currency;
  return out;
}
