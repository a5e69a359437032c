import type Stripe from 'stripe';
import { Invalid, Unavailable } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { CheckoutSessions } from '../checkout/checkout-sessions.js';
import type { PurchaseService } from '../purchase.js';
import { stripeWebhooks } from '../stripe-client.js';
import type { StripeEvents } from './stripe-events.js';

export interface WebhookOutcome {
  eventId: string;
  duplicate: boolean;
  result: string;
}

/**
 * Verified Stripe events, processed exactly once. The signature is checked over the raw body with
 * the endpoint secret before anything is read or written; a bad one changes nothing. A replay of a
 * done event answers 2xx from the record; a failure answers 503 so Stripe retries, and the retry is
 * harmless because the purchase is keyed by the PaymentIntent id.
 */
export class WebhookHandler {
  constructor(
    private readonly deps: {
      secret: string;
      events: StripeEvents;
      sessions: CheckoutSessions;
      purchases: PurchaseService;
      log: Logger;
    },
  ) {}

  async handle(rawBody: string, signature: string | undefined): Promise<WebhookOutcome> {
    const event = this.verify(rawBody, signature);
    const { events, log } = this.deps;
    const claim = await events.claim(event.id, event.type);
    if (!claim.process) return { eventId: event.id, duplicate: true, result: claim.doc.result ?? 'done' };
    try {
      const result = await this.process(event);
      await events.done(event.id, result);
      return { eventId: event.id, duplicate: false, result };
    } catch (err) {
      log.error({ stripeEvent: event.id, type: event.type, err }, 'stripe event processing failed; Stripe will retry');
      await events
        .failed(event.id, String(err))
        .catch((markErr: unknown) => log.warn({ stripeEvent: event.id, err: markErr }, 'could not mark the stripe event failed'));
      throw new Unavailable('The event could not be processed right now; it will be retried');
    }
  }

  private verify(rawBody: string, signature: string | undefined): Stripe.Event {
    if (!signature) throw new Invalid('Missing Stripe-Signature header');
    try {
      return stripeWebhooks.constructEvent(rawBody, signature, this.deps.secret);
    } catch {
      throw new Invalid('Invalid Stripe-Signature: the payload was not signed with this endpoint secret');
    }
  }

  private async process(event: Stripe.Event): Promise<string> {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
        return this.paid(event.data.object);
      case 'checkout.session.expired':
        // Stripe ended it (or confirmed our expire call): nothing else changes; the offer has its own clock.
        await this.deps.sessions.markExpired(event.data.object.id);
        return 'session expired';
      default:
        return `ignored ${event.type}`;
    }
  }

  private async paid(session: Stripe.Checkout.Session): Promise<string> {
    if (session.payment_status !== 'paid') return `not paid yet (${session.payment_status})`;
    const metadata = session.metadata ?? {};
    const { eventId, entryId, offerId } = metadata;
    if (!eventId || !entryId || !offerId) return 'not a Queuetix checkout (no event/entry/offer metadata)';
    const paymentId = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
    if (!paymentId) throw new Error(`paid checkout session ${session.id} has no payment_intent`);
    const known = await this.deps.sessions.bySessionId(session.id);
    const payment = {
      eventId,
      entryId,
      offerId,
      paymentId,
      amountPaid: session.amount_total ?? 0,
      currency: session.currency ?? known?.currency ?? 'usd',
      quantity: Number(metadata.quantity) || known?.quantity || 1,
      sessionId: session.id,
    };
    // We allow no promotion codes or price changes on Stripe's page: a session that completed for
    // another amount or currency than we stored is refused (refunded, no ticket) and recorded as
    // done, so Stripe gets its 2xx and does not retry a decision that cannot change.
    if (known && (payment.amountPaid !== known.amount || payment.currency.toLowerCase() !== known.currency.toLowerCase())) {
      await this.deps.purchases.refuseMismatch(payment, { amount: known.amount, currency: known.currency });
      return `refused: paid ${payment.amountPaid} ${payment.currency}, the session asked ${known.amount} ${known.currency}; refunded in full`;
    }
    const result = await this.deps.purchases.confirm(payment);
    return result.outcome === 'issued' ? `issued ${result.tickets.length} tickets` : `refunded: ${result.reason}`;
  }
}
