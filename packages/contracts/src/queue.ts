import { z } from 'zod';
import { IsoDate } from './common.js';
import { CodeText } from './codes.js';
import { OfferedItem, OrderItem, OrderItems } from './ticket-types.js';

export const EntryStatus = z.enum(['waiting', 'offered', 'purchased', 'expired', 'left']);
export type EntryStatus = z.infer<typeof EntryStatus>;

export const Entry = z.object({
  id: z.string(),
  eventId: z.string(),
  userId: z.string(),
  /** Tickets asked for in all (the sum of `items`). */
  quantity: z.number().int(),
  /** What the entry asks for, per ticket type. */
  items: z.array(OrderItem),
  status: EntryStatus,
  /** 1-based among waiting entries; absent when not waiting or before sales open (lottery pending). */
  position: z.number().int().optional(),
  /** People ahead in line (position - 1), for display. */
  ahead: z.number().int().optional(),
  /** Joined before sales opened: will be placed by the lottery at the on-sale. */
  inLottery: z.boolean().optional(),
  offerId: z.string().optional(),
  /** Tickets offered (may be fewer than asked when only a remainder is left). */
  offeredQuantity: z.number().int().optional(),
  offerExpiresAt: IsoDate.optional(),
  /** The offer per type, with prices and the discount applied (offered and purchased entries). */
  offeredItems: z.array(OfferedItem).optional(),
  /** What the offer costs in all, discount applied (minor units, the event's currency). */
  amount: z.number().int().optional(),
  /** The discount code applied to this entry (upper-cased). */
  discountCode: z.string().optional(),
  /**
   * Waiting entries: the types asked for that sold out (sold, not merely held). The buyer may change
   * the request without losing the place (PATCH /api/events/:id/queue/me) or leave.
   */
  unavailableTypeIds: z.array(z.string()).optional(),
  /** Why an entry ended, in words a buyer understands (e.g. a late payment refunded). */
  outcome: z.string().optional(),
  /**
   * Present (true) on a waiting entry while every ticket is sold, not merely held by offers: the
   * buyer is not "next" for anything unless the organiser releases more tickets.
   */
  soldOut: z.boolean().optional(),
  joinedAt: IsoDate,
});
export type Entry = z.infer<typeof Entry>;

/**
 * GET /api/events/:id/queue/me: `ifAny=true` answers 204 instead of 404 when the buyer has no entry
 * ("not in line" is an expected state for a page asking, not an error).
 */
export const MyEntryQuery = z.strictObject({ ifAny: z.literal('true').optional() });

/**
 * Either `items` (per ticket type) or `quantity` alone (that many of the event's first visible type).
 * `accessCode` unlocks hidden types; `discountCode` is applied to the offer. A code that does not
 * work now is `code_invalid` and nothing changes.
 */
export const JoinQueueRequest = z
  .strictObject({
    quantity: z.number().int().min(1).max(10).optional(),
    items: OrderItems.optional(),
    accessCode: CodeText.optional(),
    discountCode: CodeText.optional(),
    /** A solved proof-of-work challenge (base64 ALTCHA payload), when the event asks for one. */
    pow: z.string().min(1).max(4096).optional(),
    /** Email me when it is my turn (the buyer's address must be known: GET /api/me). */
    notifyByEmail: z.boolean().optional(),
  })
  .refine((v) => (v.quantity === undefined) !== (v.items === undefined), 'send items, or quantity alone');
export type JoinQueueRequest = z.input<typeof JoinQueueRequest>;

/** PATCH /api/events/:id/queue/me: a waiting entry changes what it asks for and keeps its place. */
export const ChangeItemsRequest = z.strictObject({ items: OrderItems });
export type ChangeItemsRequest = z.infer<typeof ChangeItemsRequest>;
