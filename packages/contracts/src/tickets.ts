import { z } from 'zod';
import { Id, IsoDate, listOf, PageQuery } from './common.js';
import { Event } from './events.js';

export const TicketStatus = z.enum(['valid', 'used', 'refunded']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const Ticket = z.object({
  id: z.string(),
  eventId: z.string(),
  userId: z.string(),
  status: TicketStatus,
  code: z.string(),
  /** What was paid for this ticket (its type's price less any discount). */
  amount: z.number().int(),
  /** Its ticket type (`general` for tickets sold before types existed). */
  typeId: z.string(),
  typeName: z.string(),
  /** The discount code it was bought with, if any. */
  discountCode: z.string().optional(),
  currency: z.string(),
  purchasedAt: IsoDate,
  /** The purchase it belongs to: tickets bought together share an id; this is ticket `index` (1-based) of `size`. */
  order: z.object({ id: z.string(), index: z.number().int().min(1), size: z.number().int().min(1) }).optional(),
  /** When it was scanned at the door (status used). */
  usedAt: IsoDate.optional(),
  /** When its payment was refunded (status refunded). */
  refundedAt: IsoDate.optional(),
  event: Event.optional(),
});
export type Ticket = z.infer<typeof Ticket>;

export const CheckInRequest = z.strictObject({
  code: z.string().trim().min(1).max(200),
  /** Which door or device scans (e.g. "North gate"), recorded with the check-in and told to a later scan. */
  door: z.string().trim().min(1).max(60).optional(),
});
export const CheckInResult = z.enum(['admitted', 'already_used', 'refunded', 'not_found', 'wrong_event']);
export const CheckInResponse = z.object({
  result: CheckInResult,
  ticket: Ticket.optional(),
  /** admitted / already_used: when the ticket was checked in, and by which door when it said. */
  checkedInAt: IsoDate.optional(),
  door: z.string().optional(),
});
export type CheckInResponse = z.infer<typeof CheckInResponse>;

/** GET /api/tickets: the caller's tickets, newest first, each with its event; `eventId` keeps one event's. */
export const TicketsQuery = PageQuery.extend({ eventId: Id.optional() }).strict();
export const TicketList = listOf(Ticket);
export type TicketList = z.infer<typeof TicketList>;

export const TicketIdParams = z.object({ id: Id });
