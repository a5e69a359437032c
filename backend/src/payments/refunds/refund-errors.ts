/** How a refund attempt failed, by what retrying could change. */
export type RefundFailure = { kind: 'already_refunded'; message: string } | { kind: 'permanent'; message: string } | { kind: 'transient'; message: string };

interface StripeLikeError {
  type?: string;
  code?: string;
  statusCode?: number;
  message?: string;
}

/**
 * Stripe's invalid-request errors (4xx) will fail the same way again; connection, rate-limit, API
 * and idempotency-in-progress errors may pass later. A charge already refunded is success.
 */
export function refundFailure(err: unknown): RefundFailure {
  const e = (err ?? {}) as StripeLikeError;
  const message = e.message ?? String(err);
  if (e.code === 'charge_already_refunded') return { kind: 'already_refunded', message };
  if (e.type === 'StripeInvalidRequestError' && e.statusCode !== 409 && e.statusCode !== 429) return { kind: 'permanent', message };
  return { kind: 'transient', message };
}
