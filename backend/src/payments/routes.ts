import Router from '@koa/router';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requireIdentity } from '../auth/guards.js';
import { Id } from '../contracts/common.js';
import { EventIdParams } from '../contracts/events.js';
import { CheckoutRequest } from '../contracts/payments.js';
import { Invalid, NotFound } from '../errors.js';
import { answerIdempotently } from '../http/idempotency.js';
import { parse } from '../http/validate.js';
import type { CancellationService } from './cancellation/cancellation-service.js';
import type { CheckoutService } from './checkout/checkout-service.js';
import type { DemoCheckout } from './demo/demo-checkout.js';
import type { SellerAccounts } from './onboarding/seller-accounts.js';
import { withProvider } from './provider-errors.js';
import { rawBodyOf } from './webhooks/raw-body.js';
import type { WebhookHandler } from './webhooks/webhook-handler.js';

const SessionParams = z.object({ sessionId: Id });

export interface PaymentServices {
  checkout: CheckoutService;
  demo?: DemoCheckout;
  webhooks?: WebhookHandler;
  accounts: SellerAccounts;
  cancellation: CancellationService;
}

/** Payment routes: thin — validate, call the service, shape the reply (api.md, Checkout and payments, Sellers). */
export function paymentRoutes(app: AppContext, services: PaymentServices): Router {
  const router = new Router({ prefix: '/api' });

  router.post('/events/:id/checkout', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const identity = await requireIdentity(ctx, app);
    const { flow } = parse(CheckoutRequest, ctx.request.body ?? {}, 'checkout');
    const once = { scope: 'checkout.start', callerId: identity.userId, request: { flow } };
    await answerIdempotently(ctx, app.idempotency, once, () => withProvider(() => services.checkout.start(id, identity.userId, flow)));
  });

  router.post('/events/:id/cancel', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const identity = await requireIdentity(ctx, app);
    ctx.body = await services.cancellation.cancel(id, identity.userId);
  });

  router.get('/demo-checkout/:sessionId', async (ctx) => {
    const { sessionId } = parse(SessionParams, ctx.params, 'session id');
    const identity = await requireIdentity(ctx, app);
    ctx.body = await demoOnly(services).show(sessionId, identity.userId);
  });

  router.post('/demo-checkout/:sessionId/complete', async (ctx) => {
    const { sessionId } = parse(SessionParams, ctx.params, 'session id');
    const identity = await requireIdentity(ctx, app);
    ctx.body = { tickets: await demoOnly(services).complete(sessionId, identity.userId) };
  });

  router.post('/webhooks/stripe', async (ctx) => {
    if (!services.webhooks) throw new Invalid('Stripe webhooks are not configured here (demo payment mode): no endpoint secret to verify with');
    const raw = await rawBodyOf(ctx);
    const outcome = await services.webhooks.handle(raw, ctx.get('stripe-signature') || undefined);
    ctx.body = { received: true, duplicate: outcome.duplicate };
  });

  router.post('/seller/stripe/account', async (ctx) => {
    const identity = await requireIdentity(ctx, app);
    ctx.body = { accountId: await withProvider(() => services.accounts.ensureAccount(identity.userId)) };
  });

  router.post('/seller/stripe/account-link', async (ctx) => {
    const identity = await requireIdentity(ctx, app);
    ctx.body = { url: await withProvider(() => services.accounts.onboardingLink(identity.userId)) };
  });

  router.get('/seller/stripe/status', async (ctx) => {
    const identity = await requireIdentity(ctx, app);
    ctx.body = await withProvider(() => services.accounts.status(identity.userId));
  });

  return router;
}

function demoOnly(services: PaymentServices): DemoCheckout {
  if (!services.demo) throw new NotFound('Demo checkout (this server takes real payments)');
  return services.demo;
}
