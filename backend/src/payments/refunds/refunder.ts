import { createHash } from 'node:crypto';
import type { Logger } from '../../logger.js';
import type { PaymentGateway } from '../gateway.js';
import type { RefundableTicket, TicketsPort } from '../ports.js';
import { refundFailure } from './refund-errors.js';
import type { RefundDoc, RefundLedger } from './refund-ledger.js';

/** A refund the provider refused for good (e.g. the payment does not exist); retrying will not help. */
export class PermanentRefundFailure extends Error {}

/**
 * Makes refunds: full refunds of payments that bought nothing, and refunds of a payment's valid
 * tickets when an event is cancelled. Each goes ledger record → provider (idempotency key =
 * record id, transfer reversed, fee refunded) → tickets marked refunded → record succeeded.
 */
export class Refunder {
  constructor(
    private readonly deps: {
      gateway: PaymentGateway;
      ledger: RefundLedger;
      tickets: TicketsPort;
      log: Logger;
      /** Awaited once the money is back and before the refund is recorded as done (the buyer's refund notice). */
      refunded?: (doc: RefundDoc) => Promise<void>;
    },
  ) {}

  /** The whole payment back, once: a payment the actor turned down (tickets gone, event cancelled…). */
  refundPayment(input: { paymentId: string; eventId: string; reason: string }): Promise<RefundDoc> {
    return this.execute({
      _id: `refund-payment-${input.paymentId}`,
      eventId: input.eventId,
      paymentId: input.paymentId,
      ticketIds: [],
      amount: null,
      reason: input.reason,
    });
  }

  /** These tickets of one payment back, in full (their amounts are what was actually paid for them). */
  refundTickets(input: { eventId: string; paymentId: string; tickets: RefundableTicket[]; reason: string }): Promise<RefundDoc> {
    const ticketIds = input.tickets.map((t) => t.id).sort();
    const amount = input.tickets.reduce((sum, t) => sum + t.amount, 0);
    return this.execute({
      _id: ticketRefundKey(input.paymentId, ticketIds),
      eventId: input.eventId,
      paymentId: input.paymentId,
      ticketIds,
      amount,
      reason: input.reason,
    });
  }

  /** Finishes one recorded refund: asks the provider if it has not answered yet, then marks its tickets. */
  async settle(doc: RefundDoc): Promise<RefundDoc> {
    const { gateway, ledger, tickets, log } = this.deps;
    if (doc.status === 'failed') throw new PermanentRefundFailure(doc.error ?? 'refund failed');
    let refundId = doc.refundId;
    if (doc.status !== 'succeeded') {
      try {
        ({ refundId } = await gateway.refund({
          paymentId: doc.paymentId,
          ...(doc.amount !== null ? { amount: doc.amount } : {}),
          idempotencyKey: doc._id,
          metadata: { eventId: doc.eventId, reason: doc.reason, tickets: String(doc.ticketIds.length) },
        }));
      } catch (err) {
        const failure = refundFailure(err);
        if (failure.kind === 'already_refunded') {
          refundId = 'already_refunded';
        } else if (failure.kind === 'permanent') {
          log.error({ refund: doc._id, paymentId: doc.paymentId, error: failure.message }, 'refund refused by the payment provider');
          await ledger.markFailed(doc._id, failure.message);
          throw new PermanentRefundFailure(failure.message);
        } else {
          await ledger
            .noteAttempt(doc._id, failure.message)
            .catch((noteErr: unknown) => log.warn({ refund: doc._id, err: noteErr }, 'could not record the refund attempt'));
          throw err;
        }
      }
    }
    // Tickets first: if we die before the record says succeeded, the retry is a no-op at the provider.
    if (doc.ticketIds.length) await tickets.markRefunded(doc.ticketIds, refundId!);
    if (doc.status !== 'succeeded') await this.deps.refunded?.(doc);
    if (doc.status !== 'succeeded') await ledger.markSucceeded(doc._id, refundId!);
    return { ...doc, status: 'succeeded', refundId };
  }

  /** Retries every refund left pending by a crash or an outage. */
  async retryPending(): Promise<void> {
    for (const doc of await this.deps.ledger.pending()) {
      await this.settle(doc).catch((err) => this.deps.log.warn({ refund: doc._id, err }, 'pending refund still not done'));
    }
  }

  private async execute(intent: Parameters<RefundLedger['record']>[0]): Promise<RefundDoc> {
    const doc = await this.deps.ledger.record(intent);
    return this.settle(doc);
  }
}

/** One key per payment and ticket set: retrying the same set is a no-op at Stripe. */
export function ticketRefundKey(paymentId: string, sortedTicketIds: string[]): string {
  const digest = createHash('sha256').update(sortedTicketIds.join(',')).digest('base64url').slice(0, 22);
  return `refund-tickets-${paymentId}-${digest}`;
}
