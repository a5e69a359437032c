import type { Ticket } from '@queuetix/contracts/tickets';

/**
 * What payments needs from the events and tickets modules, kept narrow so each side can change
 * its internals freely. module.ts adapts the real services to these.
 */
export interface PaidEventInfo {
  id: string;
  ownerId: string;
  name: string;
  price: number;
  currency: string;
  isCancelled: boolean;
  /** Names of the event's ticket types by id (checkout line items). */
  typeNames: Map<string, string>;
}

export interface EventsPort {
  get(eventId: string): Promise<PaidEventInfo | null>;
  /**
   * The same, read at most a few seconds ago: for checkout, whose amounts come from the actor's
   * offer (the name, currency and type names it takes from here rarely change), so that a rush of
   * checkouts does not read the event document once each.
   */
  getRecent(eventId: string): Promise<PaidEventInfo | null>;
  /** Marks the event document cancelled (the actor already refuses joins, offers and sales). */
  markCancelled(eventId: string): Promise<void>;
}

/** A ticket as the refund job sees it. */
export interface RefundableTicket {
  id: string;
  eventId: string;
  userId: string;
  paymentId: string;
  amount: number;
  currency: string;
}

export interface TicketsPort {
  /** The tickets a payment issued, as the API shows them. */
  ofPayment(paymentId: string): Promise<Ticket[]>;
  /** The same, for a payment whose tickets were just issued: no read when this process stored them moments ago. */
  justIssuedOf(paymentId: string): Promise<Ticket[]>;
  /** Every ticket of the event not yet refunded: valid, or used (a guest admitted to a cancelled show is refunded too). */
  listRefundable(eventId: string): Promise<RefundableTicket[]>;
  /** Marks these tickets refunded (idempotent: already refunded ones stay as they are). */
  markRefunded(ticketIds: string[], refundId: string): Promise<void>;
  /** Tickets of the event in any status: catches up with the actor's `sold` once issued tickets are written. */
  countByEvent(eventId: string): Promise<number>;
}
