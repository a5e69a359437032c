import { z } from 'zod';
import { IsoDate, listOf, PageQuery } from './common.js';
import { Event } from './events.js';
import { TicketStatus } from './tickets.js';

export const Revenue = z.object({ gross: z.number().int(), fee: z.number().int(), net: z.number().int() });

export const SellerEvent = Event.extend({
  sold: z.number().int(),
  held: z.number().int(),
  free: z.number().int(),
  waiting: z.number().int(),
  gross: z.number().int(),
  fee: z.number().int(),
  net: z.number().int(),
  /** Tickets refunded (docs/domain.md, Sellers). Optional so older servers stay valid. */
  refunded: z.number().int().optional(),
});
export type SellerEvent = z.infer<typeof SellerEvent>;

/** One ticket sold, as its seller sees it (the buyer list of the sales page). */
export const SaleLine = z.object({
  ticketId: z.string(),
  buyerId: z.string(),
  buyerName: z.string().optional(),
  status: TicketStatus,
  amount: z.number().int(),
  currency: z.string(),
  purchasedAt: IsoDate,
  /** Added with ticket types; optional so older servers stay valid. */
  typeId: z.string().optional(),
  typeName: z.string().optional(),
  discountCode: z.string().optional(),
});
export type SaleLine = z.infer<typeof SaleLine>;

/** Sales of one ticket type, by the figures' one definition (docs/domain.md, Sellers). */
export const TypeSales = z.object({
  typeId: z.string(),
  name: z.string(),
  price: z.number().int(),
  capacity: z.number().int(),
  sold: z.number().int(),
  refunded: z.number().int(),
  held: z.number().int(),
  gross: z.number().int(),
  fee: z.number().int(),
  net: z.number().int(),
});
export type TypeSales = z.infer<typeof TypeSales>;

/** Sales made with one code: tickets sold (not refunded), their gross, and the discount they were given. */
export const CodeSales = z.object({
  codeId: z.string(),
  code: z.string(),
  kind: z.enum(['access', 'discount']),
  /** Orders that used it (paid), and uses held by live entries. */
  used: z.number().int(),
  held: z.number().int(),
  sold: z.number().int(),
  gross: z.number().int(),
  discount: z.number().int(),
});
export type CodeSales = z.infer<typeof CodeSales>;

export const SalesReport = z.object({
  gross: z.number().int(),
  fee: z.number().int(),
  net: z.number().int(),
  sold: z.number().int(),
  refunded: z.number().int(),
  timeline: z.array(z.object({ at: IsoDate, sold: z.number().int() })),
  /** Added for the seller's buyer list; newest first. Optional so older servers stay valid. */
  buyers: z.array(SaleLine).optional(),
  /**
   * What cancelling now would give back: every paid ticket not yet refunded, valid or used, and
   * the refunds (one per payment) that cover them. Optional so older servers stay valid.
   */
  cancellation: z.object({ tickets: z.number().int(), refunds: z.number().int(), amount: z.number().int(), currency: z.string().nullable() }).optional(),
  /** Per ticket type, in the event's order (every type, hidden ones too). Optional so older servers stay valid. */
  byType: z.array(TypeSales).optional(),
  /** Per code, in the order they were made. Optional so older servers stay valid. */
  byCode: z.array(CodeSales).optional(),
});
export type SalesReport = z.infer<typeof SalesReport>;

/** GET /api/seller/events: the caller's own events, by event date. */
export const SellerEventsQuery = PageQuery.strict();
export const SellerEventList = listOf(SellerEvent);
export type SellerEventList = z.infer<typeof SellerEventList>;

/**
 * GET /api/seller/events/:id/buyers: one line per buyer of the event, latest purchase first.
 * `status` is the status all their tickets share, or `mixed`.
 */
export const SellerBuyer = z.object({
  buyerId: z.string(),
  buyerName: z.string(),
  /** Tickets bought (any status). */
  quantity: z.number().int(),
  /** Amount paid for tickets not refunded. */
  amount: z.number().int(),
  /** Amount refunded. */
  refunded: z.number().int(),
  currency: z.string(),
  tickets: z.object({ valid: z.number().int(), used: z.number().int(), refunded: z.number().int() }),
  status: z.enum(['valid', 'used', 'refunded', 'mixed']),
  firstPurchasedAt: IsoDate,
  lastPurchasedAt: IsoDate,
});
export type SellerBuyer = z.infer<typeof SellerBuyer>;
export const SellerBuyersQuery = PageQuery.strict();
export const SellerBuyerList = listOf(SellerBuyer);
export type SellerBuyerList = z.infer<typeof SellerBuyerList>;
