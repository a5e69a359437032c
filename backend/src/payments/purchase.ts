import type { Ticket } from '@queuetix/contracts/tickets';
import { newTicketCode, newTicketId } from '../tickets/ticket-ids.js';
import { Invalid, NotFound } from '../errors.js';
import type { Logger } from '../logger.js';
import type { EventQueues } from '../queue/event-queues.js';
import type { RefundReason } from '../queue/core/index.js';
import type { CheckoutSessions } from './checkout/checkout-sessions.js';
import type { TicketsPort } from './ports.js';
import { PermanentRefundFailure, type Refunder } from './refunds/refunder.js';

/** A payment whose origin has been verified: a signed Stripe webhook, or the demo confirmation. */
export interface VerifiedPayment {
  eventId: string;
  entryId: string;
  offerId: string;
  /** The PaymentIntent id (or the demo payment id): the unique key of the purchase. */
  paymentId: string;
  /** What the buyer actually paid (amount_total), in minor units. */
  amountPaid: number;
  currency: string;
  /** Tickets the offer was for (the core uses the offer's own quantity; this sizes the ids). */
  quantity: number;
  sessionId?: string;
}

export type PurchaseResult =
  { outcome: 'issued'; tickets: Ticket[]; duplicate: boolean } | { outcome: 'refunded'; reason: RefundReason; message: string; duplicate: boolean };

const MAX_TICKETS_PER_PAYMENT = 10;
const TICKET_WAIT_STEP_MS = 50;
const TICKET_WAIT_ATTEMPTS = 100;

/**
 * The one purchase path, shared by the verified webhook and the demo confirmation: the event's
 * actor decides (issue, or refund because the tickets are gone / the event is cancelled / the offer
 * was already paid), the tickets module writes the tickets before the actor acknowledges, and a
 * refund decided by the actor is made at once, in full. Idempotent by paymentId: the same payment
 * confirmed again answers the first outcome and, if it was a refund, makes sure it happened.
 */
export class PurchaseService {
  constructor(
    private readonly deps: {
      queues: EventQueues;
      tickets: TicketsPort;
      sessions: CheckoutSessions;
      refunder: Refunder;
      log: Logger;
    },
  ) {}

  async confirm(payment: VerifiedPayment): Promise<PurchaseResult> {
    const { queues, sessions, log } = this.deps;
    const count = Math.min(MAX_TICKETS_PER_PAYMENT, Math.max(1, payment.quantity));
    let reply;
    try {
      reply = await queues.command(payment.eventId, {
        type: 'purchase',
        paymentId: payment.paymentId,
        entryId: payment.entryId,
        offerId: payment.offerId,
        amountPaid: payment.amountPaid,
        currency: payment.currency,
        ticketIds: Array.from({ length: count }, newTicketId),
        ticketCodes: Array.from({ length: count }, newTicketCode),
      });
    } catch (err) {
      // A payment whose metadata names no event, or ids the actor cannot read: never keep the money.
      if (!(err instanceof NotFound || err instanceof Invalid)) throw err;
      log.error({ paymentId: payment.paymentId, eventId: payment.eventId, err: err.message }, 'payment matches no event; refunding');
      await this.refundInFull(payment, 'no_offer');
      return { outcome: 'refunded', reason: 'no_offer', message: 'This payment matches no event; it is refunded in full.', duplicate: false };
    }
    if (payment.sessionId) await sessions.markComplete(payment.sessionId, payment.paymentId);

    const outcome = reply.payment;
    if (outcome.outcome === 'refunded') {
      const reason = outcome.reason ?? 'no_offer';
      log.warn({ paymentId: payment.paymentId, eventId: payment.eventId, reason }, 'payment refunded instead of issuing tickets');
      await this.refundInFull(payment, reason);
      return { outcome: 'refunded', reason, message: outcome.message ?? 'Your payment is refunded in full.', duplicate: reply.duplicate };
    }
    return { outcome: 'issued', tickets: await this.storedTickets(payment.paymentId, outcome.quantity), duplicate: reply.duplicate };
  }

  /**
   * Gives the whole payment back. A refund the provider refuses for good is left to the operator
   * (logged, recorded as failed in the ledger) rather than retried forever; an outage throws, so
   * the webhook answers 503 and Stripe retries.
   */
  private async refundInFull(payment: VerifiedPayment, reason: string): Promise<void> {
    if (payment.amountPaid <= 0) return;
    try {
      await this.deps.refunder.refundPayment({ paymentId: payment.paymentId, eventId: payment.eventId, reason });
    } catch (err) {
      if (!(err instanceof PermanentRefundFailure)) throw err;
      this.deps.log.error({ paymentId: payment.paymentId, reason, err: err.message }, 'REFUND NEEDS AN OPERATOR: the provider refused it');
    }
  }

  /**
   * A completed payment whose amount or currency is not what our checkout session asked for (a
   * session changed outside Queuetix, a misconfiguration): no ticket is issued, the money goes back
   * in full, and the operator is told at error level. Idempotent by payment id, like every refund.
   */
  async refuseMismatch(payment: VerifiedPayment, expected: { amount: number; currency: string }): Promise<void> {
    this.deps.log.error(
      {
        paymentId: payment.paymentId,
        sessionId: payment.sessionId,
        eventId: payment.eventId,
        expected,
        paid: { amount: payment.amountPaid, currency: payment.currency },
      },
      'PAYMENT REFUSED: the completed checkout session does not match the stored one (amount or currency); no ticket issued, refunding in full',
    );
    await this.refundInFull(payment, 'amount_mismatch');
  }

  /**
   * The payment's tickets once stored. A repeated confirmation can be acknowledged while the first
   * one's tickets are still being written (its own acknowledgement waits for them), so wait briefly.
   */
  private async storedTickets(paymentId: string, quantity: number): Promise<Ticket[]> {
    for (let attempt = 0; ; attempt++) {
      const stored = await this.deps.tickets.justIssuedOf(paymentId);
      if (stored.length >= quantity || attempt >= TICKET_WAIT_ATTEMPTS) return stored;
      await new Promise((resolve) => setTimeout(resolve, TICKET_WAIT_STEP_MS));
    }
  }
}
