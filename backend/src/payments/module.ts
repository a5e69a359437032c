import { LRUCache } from 'lru-cache';
import { typesOfDoc } from '../events/ticket-type-config.js';
import type { AppContext, BackendModule } from '../app-context.js';
import { Conflict } from '../errors.js';
import { CancellationService } from './cancellation/cancellation-service.js';
import { RefundJobs } from './cancellation/refund-jobs.js';
import { CheckoutService } from './checkout/checkout-service.js';
import { CheckoutSessions } from './checkout/checkout-sessions.js';
import { SessionExpiry } from './checkout/session-expiry.js';
import { DemoCheckout } from './demo/demo-checkout.js';
import { DemoGateway } from './demo-gateway.js';
import type { PaymentGateway } from './gateway.js';
import { SellerAccounts } from './onboarding/seller-accounts.js';
import type { EventsPort, PaidEventInfo, TicketsPort } from './ports.js';
import { providerError } from './provider-errors.js';
import { PurchaseService } from './purchase.js';
import { RefundLedger, type RefundDoc } from './refunds/refund-ledger.js';
import { Refunder } from './refunds/refunder.js';
import { paymentRoutes } from './routes.js';
import { createStripeClient } from './stripe-client.js';
import { StripeGateway } from './stripe-gateway.js';
import { StripeEvents } from './webhooks/stripe-events.js';
import { WebhookHandler } from './webhooks/webhook-handler.js';

/** How often open checkout sessions of ended offers are looked for (Stripe unreachable at offer end, crashes). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Payments (issue 3): Stripe Connect onboarding, checkout with the platform fee, verified webhooks
 * processed exactly once, refunds, cancellation with a resumable refund job, and demo mode.
 */
export const paymentsModule: BackendModule = {
  name: 'payments',
  install(app) {
    const db = app.db.db;
    const stripe = createStripeClient(app.config);
    const gateway: PaymentGateway = stripe ? new StripeGateway(stripe) : new DemoGateway(app.config.PUBLIC_URL);
    const events = eventsPort(app);
    const tickets: TicketsPort = app.tickets;

    const sessions = new CheckoutSessions(db);
    const ledger = new RefundLedger(db);
    const jobs = new RefundJobs(db);
    const stripeEvents = new StripeEvents(db);
    const refunder = new Refunder({ gateway, ledger, tickets, log: app.log, refunded: (doc) => refundNotice(app, sessions, doc) });
    const purchases = new PurchaseService({ queues: app.queues, tickets, sessions, refunder, log: app.log });
    const expiry = new SessionExpiry({ gateway, sessions, queues: app.queues, log: app.log });
    const checkout = new CheckoutService({
      gateway,
      sessions,
      queues: app.queues,
      events,
      users: app.users,
      purchases,
      expiry,
      publicUrl: app.config.PUBLIC_URL,
      feePercent: app.config.PLATFORM_FEE_PERCENT,
    });
    const accounts = new SellerAccounts({ gateway, users: app.users, publicUrl: app.config.PUBLIC_URL });
    const cancellation = new CancellationService({
      jobs,
      events,
      queues: app.queues,
      tickets,
      ledger,
      refunder,
      bus: app.bus,
      log: app.log,
      finished: (eventId, ownerId, counts) =>
        app.mail.queue([{ kind: 'event-cancelled', subject: eventId, eventId, userId: ownerId, data: { refundedTickets: counts.done } }]),
    });
    const webhooks =
      gateway.mode === 'stripe' && app.config.STRIPE_WEBHOOK_SECRET
        ? new WebhookHandler({ secret: app.config.STRIPE_WEBHOOK_SECRET, events: stripeEvents, sessions, purchases, log: app.log })
        : undefined;
    const demo = gateway.mode === 'demo' ? new DemoCheckout({ sessions, purchases, tickets }) : undefined;

    app.events.setPublishGuard(async (seller) => {
      const why = await accounts.whyCannotSell(seller._id).catch((err: unknown) => {
        throw providerError(err);
      });
      if (why) throw new Conflict(why);
    });

    app.queues.onEffects((eventId, effects) => {
      for (const effect of effects) {
        if (effect.type === 'offerEnded' && effect.reason !== 'purchased') {
          void expiry.expireForOffer(effect.offerId).catch((err: unknown) => app.log.warn({ eventId, err }, 'expiring checkout failed'));
        } else if (effect.type === 'eventCancelled') {
          void cancellation.ensureJob(eventId).catch((err: unknown) => app.log.warn({ eventId, err }, 'starting refund job failed'));
        }
      }
    });

    let sweeper: NodeJS.Timeout | undefined;
    return {
      routes: paymentRoutes({ checkout, demo, webhooks, accounts, cancellation, sessions, tickets, events }, app.idempotency),
      async start() {
        // Nothing here may stop the server from starting while the database is away: it retries.
        void startUp(app, async () => {
          await Promise.all([sessions.ensureIndexes(), ledger.ensureIndexes(), jobs.ensureIndexes()]);
          await refunder.retryPending();
          await cancellation.resumeAll();
          await expiry.sweep({ onlyPastDeadline: false });
        });
        sweeper = setInterval(
          () => void expiry.sweep({ onlyPastDeadline: true }).catch((err: unknown) => app.log.warn({ err }, 'checkout expiry sweep failed')),
          SWEEP_EVERY_MS,
        ).unref();
        app.log.info({ paymentMode: gateway.mode }, gateway.mode === 'demo' ? 'payments: demo mode (no card is charged)' : 'payments: Stripe');
      },
      async close() {
        if (sweeper) clearInterval(sweeper);
        await cancellation.close();
      },
    };
  },
};

/** The buyer's refund notice, recorded with the refund (mail module): amount and currency from what was paid. */
async function refundNotice(app: AppContext, sessions: CheckoutSessions, doc: RefundDoc): Promise<void> {
  const [ticket] = await app.tickets.ofPayment(doc.paymentId);
  const session = ticket ? null : await sessions.byPaymentId(doc.paymentId);
  const currency = ticket?.currency ?? session?.currency;
  const amount = doc.amount ?? session?.amount;
  if (!currency || amount === undefined) {
    app.log.warn({ refund: doc._id, paymentId: doc.paymentId }, 'refund notice not queued: the payment is not known here');
    return;
  }
  await app.mail.queue([
    {
      kind: 'refund-notice',
      subject: doc._id,
      eventId: doc.eventId,
      ...(ticket ? { userId: ticket.userId } : session ? { userId: session.userId } : {}),
      data: { paymentId: doc.paymentId, amount, currency, reason: doc.reason },
    },
  ]);
}

/** How long checkout may use an event read earlier (EventsPort.getRecent). */
const RECENT_EVENT_MS = 5_000;

function eventsPort(app: AppContext): EventsPort {
  const get = async (eventId: string): Promise<PaidEventInfo | null> => {
    const doc = await app.events.find(eventId);
    const typeNames = new Map(doc ? typesOfDoc(doc).map((t) => [t.id, t.name] as const) : []);
    return doc && { id: doc._id, ownerId: doc.ownerId, name: doc.name, price: doc.price, currency: doc.currency, isCancelled: doc.isCancelled, typeNames };
  };
  const recent = new LRUCache<string, PaidEventInfo>({ max: 1_000, ttl: RECENT_EVENT_MS });
  return {
    get,
    async getRecent(eventId) {
      const cached = recent.get(eventId);
      if (cached) return cached;
      const info = await get(eventId);
      if (info) recent.set(eventId, info);
      return info;
    },
    markCancelled: (eventId) => app.events.markCancelled(eventId),
  };
}

/** Runs start-up work in the background, retrying while the database is unreachable. */
async function startUp(app: AppContext, work: () => Promise<void>): Promise<void> {
  for (let delay = 1_000; ; delay = Math.min(delay * 2, 30_000)) {
    try {
      await work();
      return;
    } catch (err) {
      app.log.warn({ err, retryInMs: delay }, 'payments start-up work failed; retrying');
      await new Promise((r) => setTimeout(r, delay).unref());
    }
  }
}
