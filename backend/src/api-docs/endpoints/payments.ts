import { z } from 'zod';
import { Id } from '@queuetix/contracts/common';
import { EventIdParams } from '@queuetix/contracts/events';
import {
  CheckoutRequest,
  CheckoutResponse,
  CheckoutSessionState,
  DemoCheckoutCompleteResponse,
  DemoCheckoutSession,
  StripeAccountLinkResponse,
  StripeAccountResponse,
  StripeStatusResponse,
} from '@queuetix/contracts/payments';
import { commonErrors, endpoint, idempotencyNote, jsonBody, type Endpoint } from '../endpoint.js';

const SessionParams = z.object({ sessionId: Id });
const WebhookReceipt = z.object({ received: z.boolean(), duplicate: z.boolean() });

export const paymentApi = {
  checkout: endpoint({
    method: 'post',
    path: '/api/events/:id/checkout',
    group: 'Checkout and payments',
    access: 'signed-in',
    servedByEventOwner: true,
    summary: 'Start checkout for my live offer',
    description:
      'A Stripe Checkout Session (or, in demo mode, a demo checkout page) for exactly the offer\'s quantity. Starting twice for one offer returns the same open session. `flow: "popup"` is for the widget.' +
      idempotencyNote,
    params: EventIdParams,
    body: jsonBody(CheckoutRequest, { flow: 'site' }, { optional: true }),
    inputName: 'checkout',
    responses: [{ status: 200, description: 'Where to send the buyer', schema: CheckoutResponse }],
    errors: [
      commonErrors.badId,
      commonErrors.badBody,
      commonErrors.unauthenticated,
      commonErrors.noEvent,
      { status: 409, code: 'offer_expired', when: 'the caller holds no live offer' },
      commonErrors.idempotencyKeyReused,
      commonErrors.unavailable,
    ],
  }),
  stripeWebhook: endpoint({
    method: 'post',
    path: '/api/webhooks/stripe',
    group: 'Checkout and payments',
    access: 'stripe',
    summary: 'Stripe webhook (checkout.session.completed / expired)',
    description: 'Raw body verified against the `Stripe-Signature` header. Each Stripe event is processed once; replays answer 200 with `duplicate: true`.',
    body: { raw: 'the exact bytes Stripe sent (application/json)' },
    responses: [{ status: 200, description: 'Received', schema: WebhookReceipt }],
    errors: [
      { status: 400, code: 'invalid_request', when: 'missing or bad signature, or no webhook secret configured (demo mode)' },
      { status: 503, code: 'unavailable', when: 'the database is unreachable (Stripe retries)' },
    ],
  }),
  sessionState: endpoint({
    method: 'get',
    path: '/api/checkout/sessions/:sessionId',
    group: 'Checkout and payments',
    access: 'signed-in',
    summary: 'Where my checkout session stands (the page the buyer returns to)',
    description:
      "`paid` with its tickets; `pending` until the payment is confirmed (Stripe's webhook may arrive after the buyer is back); `refunded` when the payment came too late for the tickets; `expired` when it ended unpaid.",
    params: SessionParams,
    responses: [{ status: 200, description: 'The session and, once paid, its tickets', schema: CheckoutSessionState }],
    errors: [
      commonErrors.unauthenticated,
      { status: 404, code: 'not_found', when: 'no such session, or it is not mine (the two are not told apart)' },
      commonErrors.unavailable,
    ],
  }),
  demoSession: endpoint({
    method: 'get',
    path: '/api/demo-checkout/:sessionId',
    group: 'Checkout and payments',
    access: 'signed-in',
    summary: 'Demo payment mode: the session the demo checkout page shows',
    params: SessionParams,
    responses: [{ status: 200, description: 'The session (its buyer only)', schema: DemoCheckoutSession }],
    errors: [commonErrors.unauthenticated, { status: 404, code: 'not_found', when: 'no such session for this buyer, or the server takes real payments' }],
  }),
  demoComplete: endpoint({
    method: 'post',
    path: '/api/demo-checkout/:sessionId/complete',
    group: 'Checkout and payments',
    access: 'signed-in',
    summary: 'Demo payment mode: confirm the payment (no card is charged)',
    description: 'Goes through the same purchase path as a verified Stripe webhook.',
    params: SessionParams,
    responses: [{ status: 200, description: 'The tickets issued', schema: DemoCheckoutCompleteResponse }],
    errors: [
      commonErrors.unauthenticated,
      { status: 404, code: 'not_found', when: 'no such session for this buyer, or the server takes real payments' },
      { status: 409, code: 'offer_expired', when: 'the session expired' },
    ],
  }),
  stripeAccount: endpoint({
    method: 'post',
    path: '/api/seller/stripe/account',
    group: 'Sellers',
    access: 'signed-in',
    summary: 'Create (once) my Stripe Express account; makes me a seller',
    responses: [{ status: 200, description: 'The account id', schema: StripeAccountResponse }],
    errors: [commonErrors.unauthenticated, commonErrors.unavailable],
  }),
  stripeAccountLink: endpoint({
    method: 'post',
    path: '/api/seller/stripe/account-link',
    group: 'Sellers',
    access: 'signed-in',
    summary: 'A Stripe onboarding link for my account',
    responses: [{ status: 200, description: 'Where to send the seller', schema: StripeAccountLinkResponse }],
    errors: [commonErrors.unauthenticated, commonErrors.unavailable],
  }),
  stripeStatus: endpoint({
    method: 'get',
    path: '/api/seller/stripe/status',
    group: 'Sellers',
    access: 'signed-in',
    summary: 'My Stripe account status',
    responses: [{ status: 200, description: 'Details submitted, charges and payouts enabled', schema: StripeStatusResponse }],
    errors: [commonErrors.unauthenticated, commonErrors.unavailable],
  }),
};

export const paymentEndpoints: Endpoint[] = Object.values(paymentApi);
