import type { CheckoutFlow } from './checkout-sessions.js';

/** Stripe replaces this with the session id in success URLs. */
export const SESSION_ID_PLACEHOLDER = '{CHECKOUT_SESSION_ID}';

/**
 * Where Stripe (or the demo page) sends the buyer back: the site's checkout pages, or for the
 * widget's popup the /embed/checkout-done page that reports to the opener and closes itself.
 */
export function checkoutUrls(publicUrl: string, flow: CheckoutFlow, eventId: string): { successUrl: string; cancelUrl: string } {
  const base = publicUrl.replace(/\/+$/, '');
  const event = encodeURIComponent(eventId);
  if (flow === 'popup') {
    return {
      successUrl: `${base}/embed/checkout-done?status=success&session_id=${SESSION_ID_PLACEHOLDER}`,
      cancelUrl: `${base}/embed/checkout-done?status=cancel`,
    };
  }
  return {
    successUrl: `${base}/checkout/success?session_id=${SESSION_ID_PLACEHOLDER}&event=${event}`,
    cancelUrl: `${base}/checkout/cancel?event=${event}`,
  };
}

/** What Stripe does to the placeholder, for sessions that never go through Stripe. */
export function withSessionId(url: string, sessionId: string): string {
  return url.replace(SESSION_ID_PLACEHOLDER, encodeURIComponent(sessionId));
}
