import Stripe from 'stripe';
import type { Config } from '../config.js';

/**
 * The real `stripe` SDK, or undefined in demo payment mode (no STRIPE_SECRET_KEY).
 * STRIPE_API_BASE points it at another host, e.g. stripe-mock on loopback in tests, so every request
 * is still built by the SDK and checked against Stripe's API spec.
 */
export function createStripeClient(config: Config): Stripe | undefined {
  if (config.paymentMode !== 'stripe' || !config.STRIPE_SECRET_KEY) return undefined;
  const options: Stripe.StripeConfig = {
    appInfo: { name: 'queuetix' },
    telemetry: false,
    // Retries reuse the SDK's idempotency key, so a retried POST never charges or refunds twice.
    maxNetworkRetries: 2,
    timeout: 20_000,
  };
  if (config.STRIPE_API_BASE) {
    const base = new URL(config.STRIPE_API_BASE);
    options.host = base.hostname;
    options.protocol = base.protocol === 'http:' ? 'http' : 'https';
    options.port = Number(base.port || (base.protocol === 'http:' ? 80 : 443));
  }
  return new Stripe(config.STRIPE_SECRET_KEY, options);
}

/** The webhook verifier needs no API key; it is static on the SDK. */
export const stripeWebhooks = Stripe.webhooks;
