import type { Event } from '@queuetix/contracts/events';
import type { Ticket, TicketStatus } from '@queuetix/contracts/tickets';
import { LEGACY_TYPE_ID, LEGACY_TYPE_NAME } from '../queue/core/ticket-types.js';

/** A ticket in the `tickets` collection: one per seat, issued by a verified payment. */
export interface TicketDoc {
  _id: string;
  eventId: string;
  userId: string;
  /** The buyer's name when the ticket was issued, for the seller's pages; absent on tickets issued before it was kept. */
  buyerName?: string;
  paymentId: string;
  /** Index within its payment; (paymentId, seq) is unique, so a payment can never issue a seat twice. */
  seq: number;
  /** Tickets the payment issued in all (the group the buyer bought together); absent on tickets stored before it was recorded. */
  orderSize?: number;
  /** Unguessable; shown as a QR code and scanned at the door. Unique. */
  code: string;
  /** This ticket's share of the amount actually paid. */
  amount: number;
  /** Its ticket type and the type's name when issued; absent on tickets issued before types (the legacy type). */
  typeId?: string;
  typeName?: string;
  /** The discount code that took something off it. */
  discountCode?: string;
  discountCodeId?: string;
  /** What the discount took off it (minor units). */
  discount?: number;
  /** The access code its order came through (a hidden type). */
  accessCodeId?: string;
  /** This ticket's share of the payment's platform fee. */
  fee: number;
  currency: string;
  status: TicketStatus;
  purchasedAt: Date;
  usedAt?: Date;
  /** The door (device label) that checked it in. */
  door?: string;
  refundedAt?: Date;
  refundId?: string;
}

/** `orderSize` fills in the group size of a ticket stored before it was recorded (TicketRepository.orderSizes). */
export function ticketJson(doc: TicketDoc, event?: Event, orderSize = doc.orderSize): Ticket {
  return {
    id: doc._id,
    eventId: doc.eventId,
    userId: doc.userId,
    status: doc.status,
    code: doc.code,
    amount: doc.amount,
    typeId: doc.typeId ?? LEGACY_TYPE_ID,
    typeName: doc.typeName ?? LEGACY_TYPE_NAME,
    ...(doc.discountCode ? { discountCode: doc.discountCode } : {}),
    currency: doc.currency,
    purchasedAt: doc.purchasedAt.toISOString(),
    ...(orderSize ? { order: { id: doc.paymentId, index: doc.seq + 1, size: orderSize } } : {}),
    ...(doc.usedAt ? { usedAt: doc.usedAt.toISOString() } : {}),
    ...(doc.refundedAt ? { refundedAt: doc.refundedAt.toISOString() } : {}),
    ...(event ? { event } : {}),
  };
}
