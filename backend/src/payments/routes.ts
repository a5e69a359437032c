import { eventApi } from '../api-docs/endpoints/events.js';
import { paymentApi } from '../api-docs/endpoints/payments.js';
import { Invalid, NotFound } from '../errors.js';
import { route, type Route } from '../http/route-table.js';
import { answerIdempotently } from '../http/idempotency.js';
import type { IdempotencyStore } from '../storage/idempotency-store.js';
import type { CancellationService } from './cancellation/cancellation-service.js';
import type { CheckoutService } from './checkout/checkout-service.js';
import type { CheckoutSessions } from './checkout/checkout-sessions.js';
import { checkoutSessionState } from './checkout/session-state.js';
import type { EventsPort, TicketsPort } from './ports.js';
import type { DemoCheckout } from './demo/demo-checkout.js';
import type { SellerAccounts } from './onboarding/seller-accounts.js';
import { withProvider } from './provider-errors.js';
import { rawBodyOf } from './webhooks/raw-body.js';
import type { WebhookHandler } from './webhooks/webhook-handler.js';

export interface PaymentServices {
  checkout: CheckoutService;
  demo?: DemoCheckout;
  webhooks?: WebhookHandler;
  accounts: SellerAccounts;
  cancellation: CancellationService;
  sessions: CheckoutSessions;
  tickets: TicketsPort;
  events: EventsPort;
}

/** Payment routes: thin — call the service, shape the reply (api.md, Checkout and payments, Sellers). */
export function paymentRoutes(services: PaymentServices, idempotency: IdempotencyStore): Route[] {
  return [
    route(paymentApi.checkout, async ({ params: { id }, identity, body: { flow, discountCode } }, ctx) => {
      const once = { scope: 'checkout.start', callerId: identity.userId, request: { flow, discountCode } };
      await answerIdempotently(ctx, idempotency, once, () => withProvider(() => services.checkout.start(id, identity.userId, flow, discountCode)));
    }),

    route(eventApi.cancel, ({ params: { id }, user }) => services.cancellation.cancel(id, user._id)),

    route(paymentApi.demoSession, ({ params: { sessionId }, identity }) => demoOnly(services).show(sessionId, identity.userId)),

    route(paymentApi.sessionState, ({ params: { sessionId }, identity }) => checkoutSessionState(services, sessionId, identity.userId)),

    route(paymentApi.demoComplete, async ({ params: { sessionId }, identity }) => ({ tickets: await demoOnly(services).complete(sessionId, identity.userId) })),

    route(paymentApi.stripeWebhook, async (_input, ctx) => {
      if (!services.webhooks) throw new Invalid('Stripe webhooks are not configured here (demo payment mode): no endpoint secret to verify with');
      const raw = await rawBodyOf(ctx);
      const outcome = await services.webhooks.handle(raw, ctx.get('stripe-signature') || undefined);
      return { received: true, duplicate: outcome.duplicate };
    }),

    route(paymentApi.stripeAccount, async ({ identity }) => ({ accountId: await withProvider(() => services.accounts.ensureAccount(identity.userId)) })),

    route(paymentApi.stripeAccountLink, async ({ identity }) => ({ url: await withProvider(() => services.accounts.onboardingLink(identity.userId)) })),

    route(paymentApi.stripeStatus, ({ identity }) => withProvider(() => services.accounts.status(identity.userId))),
  ];
}

function demoOnly(services: PaymentServices): DemoCheckout {
  if (!services.demo) throw new NotFound('Demo checkout (this server takes real payments)');
  return services.demo;
}
