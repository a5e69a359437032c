import { z } from 'zod';
import { WebOrigin } from './embed.js';
import { Currency, Id, IsoDate, listOf, MinorUnits, PageQuery } from './common.js';
import { PowMode } from './pow.js';
import { TicketType, TicketTypeInputs, TypeAvailability } from './ticket-types.js';

/** In `allowedOrigins`: any site may embed the event. */
export const ANY_SITE = '*';

export const Availability = z.object({
  total: z.number().int(),
  sold: z.number().int(),
  held: z.number().int(),
  free: z.number().int(),
  waiting: z.number().int(),
  soldOut: z.boolean(),
  salesOpen: z.boolean(),
  /**
   * Per visible ticket type, in the event's order (hidden types' figures are in the seller's sales
   * report). The figures above are the whole event's (all types, within the overall capacity).
   */
  types: z.array(TypeAvailability),
});
export type Availability = z.infer<typeof Availability>;

/**
 * A draft is visible only to its owner (not listed, not joinable) until it is published; events
 * stored before drafts existed have no status and count as published.
 */
export const EventStatus = z.enum(['draft', 'published']);
export type EventStatus = z.infer<typeof EventStatus>;

/** An IANA time zone name the platform's Intl knows (e.g. Europe/Paris); checked with Intl, not a list of our own. */
export const TimeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Paris');

export const Event = z.object({
  id: z.string(),
  ownerId: z.string(),
  name: z.string(),
  description: z.string(),
  location: z.string(),
  eventDate: IsoDate,
  /** The venue's time zone: dates are shown in it. Null for events stored before it existed (show the viewer's zone). */
  timeZone: z.string().nullable(),
  /** The first visible ticket type's price (what one-type clients show). */
  price: z.number().int(),
  currency: z.string(),
  /** Tickets the event can sell in all: the overall capacity, or the sum of the types' capacities. */
  totalTickets: z.number().int(),
  /**
   * The event's ticket types (always at least one), in the owner's order. Hidden types are left out
   * for everyone but the owner (a buyer sees them through an access code: POST .../codes/check).
   */
  ticketTypes: z.array(TicketType),
  /** The overall venue limit shared by all types, or null (the sum of the types' capacities). */
  capacity: z.number().int().nullable(),
  salesStartAt: IsoDate.nullable(),
  maxPerBuyer: z.number().int(),
  offerWindowSec: z.number().int(),
  imageUrl: z.string().nullable(),
  isCancelled: z.boolean(),
  status: EventStatus,
  createdAt: IsoDate,
  allowedOrigins: z.array(z.string()),
  /** SHA-256 (hex) of the secret seed of the early-arrival draw, published when the event gets an on-sale time; never changes. */
  drawCommitment: z.string().nullable(),
  /** Proof-of-work on join: off, on, or auto (while the line is long or joins arrive fast). */
  powMode: PowMode,
  availability: Availability,
});
export type Event = z.infer<typeof Event>;

/**
 * A site allowed to embed the event's widget, or '*' for any site (the seller's explicit choice).
 * An empty list means the widget works on Queuetix itself only.
 */
const Origin = z.union([z.literal(ANY_SITE), WebOrigin]);

const eventFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000),
  location: z.string().trim().min(1).max(300),
  eventDate: IsoDate,
  timeZone: TimeZone.optional(),
  price: MinorUnits,
  currency: Currency.default('usd'),
  totalTickets: z.number().int().min(1).max(1_000_000),
  ticketTypes: TicketTypeInputs,
  capacity: z.number().int().min(1).max(1_000_000).nullable(),
  salesStartAt: IsoDate.nullable().optional(),
  maxPerBuyer: z.number().int().min(1).max(10).default(4),
  offerWindowSec: z.number().int().min(60).max(3600).default(600),
  allowedOrigins: z.array(Origin).max(20).default([]),
  powMode: PowMode.optional(),
};

/**
 * `status: 'draft'` saves without publishing (publish later with POST /api/events/:id/publish).
 * Either `ticketTypes` (then `price` and `totalTickets` are derived and may be left out), or `price`
 * and `totalTickets` (one visible type, id `general`). `capacity` must not exceed the sum of the
 * types' capacities.
 */
export const CreateEventRequest = z
  .strictObject({
    ...eventFields,
    price: eventFields.price.optional(),
    totalTickets: eventFields.totalTickets.optional(),
    ticketTypes: eventFields.ticketTypes.optional(),
    capacity: eventFields.capacity.optional(),
    status: EventStatus.default('published'),
  })
  .refine((v) => v.ticketTypes !== undefined || (v.price !== undefined && v.totalTickets !== undefined), {
    message: 'send ticketTypes, or price and totalTickets',
  })
  .refine((v) => !v.capacity || !v.ticketTypes || v.capacity <= v.ticketTypes.reduce((sum, t) => sum + t.capacity, 0), {
    path: ['capacity'],
    message: "must not exceed the sum of the ticket types' capacities",
  });
export type CreateEventRequest = z.infer<typeof CreateEventRequest>;
/** The event's fields without the publishing choice (what forms and fixtures build; absent status = published). */
export type EventFields = Omit<CreateEventRequest, 'status'>;

/** PATCH: every field optional, none defaulted (an absent field is left as it is). */
export const UpdateEventRequest = z
  .strictObject({
    name: eventFields.name,
    description: eventFields.description,
    location: eventFields.location,
    eventDate: eventFields.eventDate,
    timeZone: TimeZone,
    price: eventFields.price,
    currency: Currency,
    totalTickets: eventFields.totalTickets,
    /**
     * The whole list: types left out are removed (only if none sold), types with an `id` are kept.
     * With more than one type, `price` and `totalTickets` may only be resent unchanged.
     */
    ticketTypes: eventFields.ticketTypes,
    capacity: eventFields.capacity,
    salesStartAt: IsoDate.nullable(),
    maxPerBuyer: z.number().int().min(1).max(10),
    offerWindowSec: z.number().int().min(60).max(3600),
    allowedOrigins: z.array(Origin).max(20),
    powMode: PowMode,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'send at least one field to change');
export type UpdateEventRequest = z.infer<typeof UpdateEventRequest>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const SearchEventsQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  minPrice: z.coerce.number().int().min(0).optional(),
  maxPrice: z.coerce.number().int().min(0).optional(),
  available: booleanQuery.optional(),
  /** Only events priced in this currency: price bounds compare amounts of one currency. */
  currency: Currency.optional(),
  /** `false`: leave cancelled events out (an "upcoming" list); `true`: only cancelled ones. */
  cancelled: booleanQuery.optional(),
});
export type SearchEventsQuery = z.infer<typeof SearchEventsQuery>;

export const EventIdParams = z.object({ id: Id });

export const EventList = listOf(Event);
export type EventList = z.infer<typeof EventList>;

export const ImageUploadResponse = z.object({ imageUrl: z.string() });
export type ImageUploadResponse = z.infer<typeof ImageUploadResponse>;

export const CancelEventResponse = z.object({
  status: z.enum(['cancelling', 'cancelled']),
  refunds: z.object({ done: z.number().int(), total: z.number().int() }),
});
export type CancelEventResponse = z.infer<typeof CancelEventResponse>;
