import { DomainError, NotFound } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { EventQueues } from '../../queue/event-queues.js';
import type { PaymentGateway } from '../gateway.js';
import type { CheckoutSessionDoc, CheckoutSessions } from './checkout-sessions.js';

/**
 * A checkout session must not be payable once its offer has ended (docs/domain.md, Purchase): Stripe
 * will not let a session expire sooner than 30 minutes, so when the offer ends first we expire it
 * through the API. Sessions missed (Stripe unreachable, a crash) are found by a sweep. Should a
 * payment still slip through, the purchase path honours or refunds it.
 */
export class SessionExpiry {
  constructor(private readonly deps: { gateway: PaymentGateway; sessions: CheckoutSessions; queues: EventQueues; log: Logger; clock?: () => number }) {}

  /** The offer ended unpaid (expired, given back, event cancelled). */
  async expireForOffer(offerId: string): Promise<void> {
    const doc = await this.deps.sessions.byOffer(offerId);
    if (doc?.status === 'open') await this.expire(doc);
  }

  /** Expires open sessions whose offer has ended; at start-up every open one is checked against its actor. */
  async sweep(options: { onlyPastDeadline: boolean }): Promise<void> {
    const now = new Date((this.deps.clock ?? Date.now)());
    const open = await this.deps.sessions.open(options.onlyPastDeadline ? { pastOfferBefore: now } : {});
    for (const doc of open) {
      const live = doc.offerExpiresAt > now && (await this.isOfferLive(doc));
      if (!live) await this.expire(doc);
    }
  }

  /** Best effort: a failure is logged and left to the next sweep (or to the webhook, if it was paid). */
  async expire(doc: CheckoutSessionDoc): Promise<void> {
    try {
      if (doc.mode === 'stripe') await this.deps.gateway.expireCheckoutSession(doc.sessionId);
      await this.deps.sessions.markExpired(doc.sessionId);
    } catch (err) {
      this.deps.log.warn({ sessionId: doc.sessionId, err }, 'could not expire checkout session');
    }
  }

  private async isOfferLive(doc: CheckoutSessionDoc): Promise<boolean> {
    try {
      // A named read: a closure read fails (503) on every instance but the actor's, so the sweep of
      // another instance would keep every session open as "cannot tell now".
      const entry = await this.deps.queues.entryOfUser(doc.eventId, doc.userId);
      return entry?.status === 'offered' && entry.offerId === doc._id;
    } catch (err) {
      // An event that does not exist has no live offer; anything else: cannot tell now, look again next sweep.
      return !(err instanceof NotFound || (err instanceof DomainError && err.code === 'not_found'));
    }
  }
}
