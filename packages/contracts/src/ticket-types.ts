import { z } from 'zod';
import { IsoDate, MinorUnits } from './common.js';

/**
 * Ticket types (docs/domain.md, Ticket types). An event sells 1–20 types; an event stored before
 * types existed reads as one visible type with id `general`, priced `price`, capacity `totalTickets`.
 */
export const DEFAULT_TICKET_TYPE_ID = 'general';
export const MAX_TICKET_TYPES = 20;

export const TicketTypeId = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a ticket type id');

export const TicketType = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Minor units; 0 is a free ticket. */
  price: z.number().int(),
  /** Tickets of this type that can ever be sold (sold + held never exceed it). */
  capacity: z.number().int(),
  /** Tickets of this type one buyer may hold in all (also capped by the event's maxPerBuyer). */
  maxPerBuyer: z.number().int(),
  /** This type's own sale window; null = the event's on-sale time / until the event. */
  salesStartAt: IsoDate.nullable(),
  salesEndAt: IsoDate.nullable(),
  /** Only buyers holding an access code that unlocks it see and may ask for it. */
  hidden: z.boolean(),
});
export type TicketType = z.infer<typeof TicketType>;

/**
 * A type as the owner creates or edits it. `id` keeps an existing type when editing (its sales stay
 * with it); without it a new type is made. A type that has sold tickets cannot be removed.
 */
export const TicketTypeInput = z.strictObject({
  id: TicketTypeId.optional(),
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).default(''),
  price: MinorUnits,
  capacity: z.number().int().min(1).max(1_000_000),
  /** Defaults to the event's maxPerBuyer. */
  maxPerBuyer: z.number().int().min(1).max(10).optional(),
  salesStartAt: IsoDate.nullable().default(null),
  salesEndAt: IsoDate.nullable().default(null),
  hidden: z.boolean().default(false),
});
export type TicketTypeInput = z.input<typeof TicketTypeInput>;

const distinct = (ids: (string | undefined)[]) => {
  const given = ids.filter((id): id is string => id !== undefined);
  return new Set(given).size === given.length;
};

export const TicketTypeInputs = z
  .array(TicketTypeInput)
  .min(1)
  .max(MAX_TICKET_TYPES)
  .refine((types) => distinct(types.map((t) => t.id)), 'ticket type ids must be distinct')
  .refine((types) => types.every((t) => !t.salesStartAt || !t.salesEndAt || t.salesStartAt < t.salesEndAt), 'salesEndAt must be after salesStartAt')
  .refine((types) => types.some((t) => !t.hidden), 'at least one ticket type must be visible');

/** What one entry asks for, or is offered, of one type. */
export const OrderItem = z.strictObject({ typeId: TicketTypeId, quantity: z.number().int().min(1).max(10) });
export type OrderItem = z.infer<typeof OrderItem>;

export const OrderItems = z
  .array(OrderItem)
  .min(1)
  .max(MAX_TICKET_TYPES)
  .refine((items) => distinct(items.map((i) => i.typeId)), 'name each ticket type once');

/** One line of an offer: what the buyer pays per ticket is unitPrice − discountPerTicket. */
export const OfferedItem = z.object({
  typeId: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  discountPerTicket: z.number().int(),
});
export type OfferedItem = z.infer<typeof OfferedItem>;

/** Live figures of one type (visible types, plus hidden ones for their owner). */
export const TypeAvailability = z.object({
  typeId: z.string(),
  total: z.number().int(),
  sold: z.number().int(),
  held: z.number().int(),
  /** What could be offered now: its own capacity left and the event's overall capacity left, whichever is less. */
  free: z.number().int(),
  /** Sold (not merely held) up to its capacity or the event's overall capacity. */
  soldOut: z.boolean(),
  /** Within its sale window and the event's sales are open. */
  onSale: z.boolean(),
});
export type TypeAvailability = z.infer<typeof TypeAvailability>;
