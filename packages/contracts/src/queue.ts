import { z } from 'zod';
import { IsoDate } from './common.js';

export const EntryStatus = z.enum(['waiting', 'offered', 'purchased', 'expired', 'left']);
export type EntryStatus = z.infer<typeof EntryStatus>;

export const Entry = z.object({
  id: z.string(),
  eventId: z.string(),
  userId: z.string(),
  quantity: z.number().int(),
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

export const JoinQueueRequest = z.strictObject({
  quantity: z.number().int().min(1).max(10),
  /** A solved proof-of-work challenge (base64 ALTCHA payload), when the event asks for one. */
  pow: z.string().min(1).max(4096).optional(),
  /** Email me when it is my turn (the buyer's address must be known: GET /api/me). */
  notifyByEmail: z.boolean().optional(),
});
export type JoinQueueRequest = z.infer<typeof JoinQueueRequest>;
