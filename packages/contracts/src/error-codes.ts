/**
 * Error codes of the public API (docs/api.md, Conventions). Plain data without zod, so the widget can
 * import it at runtime (`@queuetix/contracts/error-codes`) and stay within its size budget.
 */
export const errorCodes = [
  'invalid_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'sold_out',
  'offer_expired',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'proof_required',
  'unavailable',
  /** An access or discount code that does not exist, is used up, outside its validity, or does not fit the request. */
  'code_invalid',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

const known: ReadonlySet<string> = new Set(errorCodes);

/** Whether a code read off the wire is one of ours (a client maps anything else to its own "unknown"). */
export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && known.has(code);
