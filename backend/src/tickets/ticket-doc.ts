import type { Event } from '@queuetix/contracts/events';
import type { Ticket, TicketStatus } from '@queuetix/contracts/tickets';

/** A ticket in the `tickets` collection: one per seat, issued by a verified payment. */
export interface TicketDoc {
  _id: string;
  eventId: string;
  userId: string;
  paymentId: string;
  /** Index within its payment; (paymentId, seq) is unique, so a payment can never issue a seat twice. */
  seq: number;
  /** Tickets the payment issued in all (the group the buyer bought together); absent on tickets stored before it was recorded. */
  orderSize?: number;
  /** Unguessable; shown as a QR code and scanned at the door. Unique. */
  code: string;
  /** This ticket's share of the amount actually paid. */
  amount: number;
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
    currency: doc.currency,
    purchasedAt: doc.purchasedAt.toISOString(),
    ...(orderSize ? { order: { id: doc.paymentId, index: doc.seq + 1, size: orderSize } } : {}),
    ...(doc.usedAt ? { usedAt: doc.usedAt.toISOString() } : {}),
    ...(doc.refundedAt ? { refundedAt: doc.refundedAt.toISOString() } : {}),
    ...(event ? { event } : {}),
  };
}
