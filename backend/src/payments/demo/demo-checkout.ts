import type { DemoCheckoutSession } from '@queuetix/contracts/payments';
import type { Ticket } from '@queuetix/contracts/tickets';
import { Conflict, Forbidden, NotFound, OfferExpired } from '../../errors.js';
import type { CheckoutSessionDoc, CheckoutSessions } from '../checkout/checkout-sessions.js';
import { demoPaymentId } from '../demo-gateway.js';
import type { TicketsPort } from '../ports.js';
import type { PurchaseService } from '../purchase.js';

/**
 * Demo payment mode's stand-in for Stripe Checkout: shows the session to its buyer and confirms
 * it through the same purchase path a verified webhook takes. Nothing is charged.
 */
export class DemoCheckout {
  constructor(private readonly deps: { sessions: CheckoutSessions; purchases: PurchaseService; tickets: TicketsPort; clock?: () => number }) {}

  async show(sessionId: string, userId: string): Promise<DemoCheckoutSession> {
    const doc = await this.sessionOf(sessionId, userId);
    return {
      sessionId: doc.sessionId,
      eventId: doc.eventId,
      eventName: doc.eventName,
      quantity: doc.quantity,
      amount: doc.amount,
      currency: doc.currency,
      items: doc.items ?? [{ typeId: 'general', name: 'General admission', quantity: doc.quantity, unitPrice: doc.unitAmount, discountPerTicket: 0 }],
      ...(doc.discountCode ? { discountCode: doc.discountCode } : {}),
      status: this.statusOf(doc),
      // The demo session lives exactly as long as the offer it pays for.
      expiresAt: doc.offerExpiresAt.toISOString(),
      successUrl: doc.successUrl,
      cancelUrl: doc.cancelUrl,
    };
  }

  async complete(sessionId: string, userId: string): Promise<Ticket[]> {
    const doc = await this.sessionOf(sessionId, userId);
    if (doc.status === 'complete' && doc.paymentId) return this.deps.tickets.ofPayment(doc.paymentId);
    if (this.statusOf(doc) === 'expired') throw new OfferExpired('This checkout expired: the offer ended before payment');
    const result = await this.deps.purchases.confirm({
      eventId: doc.eventId,
      entryId: doc.entryId,
      offerId: doc._id,
      paymentId: demoPaymentId(doc.sessionId),
      amountPaid: doc.amount,
      currency: doc.currency,
      quantity: doc.quantity,
      sessionId: doc.sessionId,
    });
    if (result.outcome === 'refunded') throw new Conflict(result.message, { refunded: true, reason: result.reason });
    return result.tickets;
  }

  private statusOf(doc: CheckoutSessionDoc): DemoCheckoutSession['status'] {
    if (doc.status !== 'open') return doc.status;
    return doc.offerExpiresAt.getTime() <= (this.deps.clock ?? Date.now)() ? 'expired' : 'open';
  }

  private async sessionOf(sessionId: string, userId: string): Promise<CheckoutSessionDoc> {
    const doc = await this.deps.sessions.bySessionId(sessionId);
    if (!doc || doc.mode !== 'demo') throw new NotFound('Demo checkout session');
    if (doc.userId !== userId) throw new Forbidden('This checkout belongs to another buyer');
    return doc;
  }
}
