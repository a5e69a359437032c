/**
 * Stripe events as Stripe would send them for our checkout sessions (stripe-mock cannot send
 * webhooks), built from what the buyer's checkout told us and what the session was for.
 */
import { randomBytes } from 'node:crypto';

export interface PaidSession {
  sessionId: string;
  eventId: string;
  entryId: string;
  offerId: string;
  userId: string;
  quantity: number;
  amount: number;
  currency: string;
  paymentIntent: string;
}

export function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_${randomBytes(12).toString('hex')}`) {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

export function sessionCompleted(s: PaidSession) {
  return stripeEvent('checkout.session.completed', {
    id: s.sessionId,
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    amount_subtotal: s.amount,
    amount_total: s.amount,
    currency: s.currency,
    client_reference_id: s.entryId,
    payment_intent: s.paymentIntent,
    metadata: { eventId: s.eventId, entryId: s.entryId, offerId: s.offerId, userId: s.userId, quantity: String(s.quantity) },
  });
}

export function sessionExpired(sessionId: string) {
  return stripeEvent('checkout.session.expired', {
    id: sessionId,
    object: 'checkout.session',
    mode: 'payment',
    status: 'expired',
    payment_status: 'unpaid',
    metadata: {},
  });
}

export function unrelated(paymentIntent: string) {
  return stripeEvent('payment_intent.created', { id: paymentIntent, object: 'payment_intent', status: 'requires_payment_method' });
}

export const newPaymentIntent = () => `pi_${randomBytes(12).toString('hex')}`;
