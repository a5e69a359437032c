import { Conflict, NotFound, OfferExpired } from '../../errors.js';
import type { EventQueues } from '../../queue/event-queues.js';
import { amountOf, type EntryView } from '../../queue/core/index.js';
import type { UserRepository } from '../../auth/user-repository.js';
import { platformFee } from '../fees.js';
import type { CheckoutSessionRequest, PaymentGateway } from '../gateway.js';
import type { EventsPort, PaidEventInfo } from '../ports.js';
import type { PurchaseService } from '../purchase.js';
import type { CheckoutFlow, CheckoutSessionDoc, CheckoutSessions } from './checkout-sessions.js';
import { checkoutUrls, withSessionId } from './checkout-urls.js';
import type { SessionExpiry } from './session-expiry.js';

/** Stripe refuses a Checkout Session that expires sooner than 30 minutes after creation. */
const STRIPE_MIN_SESSION_MS = 30 * 60_000;
const SESSION_MARGIN_MS = 2 * 60_000;
const STRIPE_MAX_SESSION_MS = 24 * 3600_000;

export interface CheckoutStarted {
  url: string;
  sessionId: string;
}

type LiveEntry = EntryView & { offerId: string; offeredQuantity: number; offerExpiresAt: number };

interface LiveOffer {
  entry: LiveEntry;
  /** The offer's lines and total as the actor priced them (types' prices, discount applied). */
  items: NonNullable<CheckoutSessionDoc['items']>;
  amount: number;
  currency: string;
}

function offerOf(entry: LiveEntry, event: PaidEventInfo): LiveOffer {
  const offered = entry.offeredItems ?? [{ typeId: 'general', quantity: entry.offeredQuantity, unitPrice: event.price, discountPerTicket: 0 }];
  const items = offered.map((item) => ({ ...item, name: event.typeNames.get(item.typeId) ?? item.typeId }));
  return { entry, items, amount: entry.amount ?? amountOf(offered), currency: event.currency };
}

/** Stripe Checkout line items: the price paid per ticket, the discount said in words. */
function linesOf(event: PaidEventInfo, offer: LiveOffer): CheckoutSessionRequest['lines'] {
  return offer.items.map((item) => ({
    // A one-type event's line is named as before types: the event alone.
    name: event.typeNames.size === 1 ? event.name : `${event.name} — ${item.name}`,
    ...(item.discountPerTicket > 0
      ? {
          description: `Discount code ${offer.entry.discountCode ?? ''}: ${(item.discountPerTicket / 100).toFixed(2)} off each (was ${(item.unitPrice / 100).toFixed(2)})`,
        }
      : {}),
    unitAmount: item.unitPrice - item.discountPerTicket,
    quantity: item.quantity,
  }));
}

/**
 * Starts checkout for the buyer's live offer: one session per offer (starting again returns the
 * open one), a destination charge to the seller with the platform fee, metadata that lets the
 * webhook find the offer again. When the offer ends unpaid, SessionExpiry ends the session.
 */
export class CheckoutService {
  constructor(
    private readonly deps: {
      gateway: PaymentGateway;
      sessions: CheckoutSessions;
      queues: EventQueues;
      events: EventsPort;
      users: UserRepository;
      purchases: PurchaseService;
      expiry: SessionExpiry;
      publicUrl: string;
      feePercent: number;
      clock?: () => number;
    },
  ) {}

  private now(): number {
    return (this.deps.clock ?? Date.now)();
  }

  async start(eventId: string, userId: string, flow: CheckoutFlow, discountCode?: string): Promise<CheckoutStarted> {
    let entry = await this.liveOffer(eventId, userId);
    const existing = await this.deps.sessions.byOffer(entry.offerId);
    if (discountCode !== undefined && entry.discountCode !== discountCode) {
      // The amount of an open session is fixed: a code comes before checkout starts.
      if (existing?.status === 'open') throw new Conflict('Checkout has started for this offer: a discount code can no longer be added');
      await this.deps.queues.command(eventId, { type: 'applyDiscount', userId, code: discountCode });
      entry = await this.liveOffer(eventId, userId);
    }
    if (existing?.status === 'open') return { url: existing.url, sessionId: existing.sessionId };
    if (existing?.status === 'complete') throw new Conflict('This offer is already paid: your tickets are on their way');

    const event = await this.deps.events.getRecent(eventId);
    if (!event) throw new NotFound('Event');
    // The prices the actor made the offer at (a price edit applies to offers made after it).
    const offer = offerOf(entry, event);
    if (offer.amount === 0) return this.issueFree(event, offer, flow);

    const doc = await this.createSession(event, offer, flow, userId, (existing?.attempt ?? 0) + 1);
    const stored = existing ? await this.deps.sessions.replaceEnded(existing, doc) : await this.deps.sessions.insert(doc);
    if (!stored) return this.yieldTo(doc, entry.offerId);

    // The offer may have ended while Stripe was answering; its offerEnded found no session to expire.
    // Only an offer known to be gone ends the session here: when the actor cannot answer now (503:
    // recovering, owner unreachable) the error goes back as it is, the session stays stored (a retry
    // returns it) and the sweep expires it should the offer turn out to have ended.
    const still = await this.liveOffer(eventId, userId).catch((err: unknown) => {
      if (err instanceof OfferExpired) return undefined;
      throw err;
    });
    if (!still || still.offerId !== entry.offerId) {
      await this.deps.expiry.expire(doc);
      throw new OfferExpired();
    }
    return { url: doc.url, sessionId: doc.sessionId };
  }

  /**
   * The buyer's live offer, asked of the event's actor by named read: it works on every instance
   * (forwarded to the one running the actor). Read errors (503 Unavailable, 404) pass through.
   */
  private async liveOffer(eventId: string, userId: string): Promise<LiveEntry> {
    const entry = await this.deps.queues.entryOfUser(eventId, userId);
    if (!entry || entry.status !== 'offered' || !entry.offerId || !entry.offeredQuantity || !entry.offerExpiresAt || entry.offerExpiresAt <= this.now()) {
      throw new OfferExpired();
    }
    return entry as LiveEntry;
  }

  private async createSession(event: PaidEventInfo, offer: LiveOffer, flow: CheckoutFlow, userId: string, attempt: number): Promise<CheckoutSessionDoc> {
    const { gateway, publicUrl, feePercent } = this.deps;
    const { entry } = offer;
    const destination = gateway.mode === 'stripe' ? await this.sellerAccount(event) : undefined;
    const quantity = entry.offeredQuantity;
    const { amount } = offer;
    // The platform's fee is 1% of what is actually paid, discount applied (docs/domain.md, Money).
    const fee = platformFee(amount, feePercent);
    const urls = checkoutUrls(publicUrl, flow, event.id);
    const now = this.now();
    // Never let the session die before the offer (Stripe's 30-minute minimum usually outlasts it).
    const expiresAt = new Date(
      Math.min(now + STRIPE_MAX_SESSION_MS, Math.max(now + STRIPE_MIN_SESSION_MS + SESSION_MARGIN_MS, entry.offerExpiresAt + SESSION_MARGIN_MS)),
    );
    const created = await gateway.createCheckoutSession({
      eventId: event.id,
      entryId: entry.id,
      offerId: entry.offerId,
      userId,
      eventName: event.name,
      unitAmount: offer.items[0]!.unitPrice - offer.items[0]!.discountPerTicket,
      quantity,
      lines: linesOf(event, offer),
      currency: offer.currency,
      feeAmount: fee,
      destination,
      ...urls,
      expiresAt,
      idempotencyKey: `checkout-${entry.offerId}-${attempt}-${flow}`,
    });
    // Stripe fills the placeholder itself; the demo page needs the real URLs.
    const own = gateway.mode === 'demo';
    return {
      _id: entry.offerId,
      sessionId: created.id,
      mode: gateway.mode,
      attempt,
      eventId: event.id,
      entryId: entry.id,
      userId,
      eventName: event.name,
      quantity,
      unitAmount: offer.items[0]!.unitPrice,
      items: offer.items,
      ...(entry.discountCode ? { discountCode: entry.discountCode } : {}),
      amount,
      fee,
      currency: offer.currency,
      flow,
      url: created.url,
      successUrl: own ? withSessionId(urls.successUrl, created.id) : urls.successUrl,
      cancelUrl: urls.cancelUrl,
      status: 'open',
      offerExpiresAt: new Date(entry.offerExpiresAt),
      expiresAt,
      createdAt: new Date(now),
    };
  }

  /** Another request stored a session for this offer first: use theirs, drop ours. */
  private async yieldTo(mine: CheckoutSessionDoc, offerId: string): Promise<CheckoutStarted> {
    const winner = await this.deps.sessions.byOffer(offerId);
    if (winner?.sessionId !== mine.sessionId) await this.deps.expiry.expire(mine);
    if (winner?.status !== 'open') throw new OfferExpired();
    return { url: winner.url, sessionId: winner.sessionId };
  }

  private async sellerAccount(event: PaidEventInfo): Promise<string> {
    const owner = await this.deps.users.get(event.ownerId);
    if (!owner?.stripeConnectId) throw new Conflict('The seller of this event cannot take payments yet (no Stripe account connected)');
    return owner.stripeConnectId;
  }

  /** A free order has nothing to pay: it goes straight through the purchase path, keyed by the offer. */
  private async issueFree(event: PaidEventInfo, offer: LiveOffer, flow: CheckoutFlow): Promise<CheckoutStarted> {
    const paymentId = `free_${offer.entry.offerId}`;
    const result = await this.deps.purchases.confirm({
      eventId: event.id,
      entryId: offer.entry.id,
      offerId: offer.entry.offerId,
      paymentId,
      amountPaid: 0,
      currency: offer.currency,
      quantity: offer.entry.offeredQuantity,
    });
    if (result.outcome === 'refunded') throw new Conflict(result.message);
    const { successUrl } = checkoutUrls(this.deps.publicUrl, flow, event.id);
    return { url: withSessionId(successUrl, paymentId), sessionId: paymentId };
  }
}
