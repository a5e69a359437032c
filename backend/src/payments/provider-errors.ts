import { Conflict, DomainError, Unavailable } from '../errors.js';

/**
 * Errors from the payment provider, as the HTTP caller should see them: Stripe unreachable or
 * failing is a 503 (try again), a request Stripe refuses is a 409 with its reason. Anything else
 * passes through to the one error mapper.
 */
export async function withProvider<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw providerError(err);
  }
}

export function providerError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  const type = (err as { type?: string } | null)?.type;
  switch (type) {
    case 'StripeConnectionError':
    case 'StripeAPIError':
    case 'StripeRateLimitError':
    case 'StripeIdempotencyError':
      return new Unavailable('The payment provider is unreachable right now; try again in a moment');
    case 'StripeInvalidRequestError':
    case 'StripePermissionError':
    case 'StripeCardError':
      return new Conflict(`The payment provider refused: ${(err as Error).message}`);
    case 'StripeAuthenticationError':
      return new Unavailable('Payments are misconfigured on our side (Stripe rejected our key); it has been logged');
    default:
      return err;
  }
}
