import type { ErrorCode } from '@queuetix/contracts/common';

/**
 * Typed domain errors. Thrown anywhere; mapped to `{ error: { code, message, details } }` in one
 * place (http/error-middleware.ts). `message` is always safe to show a client.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Invalid extends DomainError {
  constructor(message: string, details?: unknown) {
    super('invalid_request', 400, message, details);
  }
}
export class Unauthenticated extends DomainError {
  constructor(message = 'Sign in first: send a valid Bearer token') {
    super('unauthenticated', 401, message);
  }
}
export class Forbidden extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super('forbidden', 403, message);
  }
}
export class NotFound extends DomainError {
  constructor(what: string) {
    super('not_found', 404, `${what} not found`);
  }
}
export class Conflict extends DomainError {
  constructor(message: string, details?: unknown) {
    super('conflict', 409, message, details);
  }
}
export class SoldOut extends DomainError {
  constructor(message = 'Sold out') {
    super('sold_out', 409, message);
  }
}
/** An access or discount code that does not work now (unknown, used up, outside its validity, not for these tickets). */
export class CodeInvalid extends DomainError {
  constructor(message = 'This code does not work') {
    super('code_invalid', 422, message);
  }
}
export class OfferExpired extends DomainError {
  constructor(message = 'You have no live offer: it expired or was given back') {
    super('offer_expired', 409, message);
  }
}
export class PayloadTooLarge extends DomainError {
  constructor(message: string) {
    super('payload_too_large', 413, message);
  }
}
export class UnsupportedMediaType extends DomainError {
  constructor(message: string) {
    super('unsupported_media_type', 415, message);
  }
}
export class RateLimited extends DomainError {
  constructor(
    readonly retryAfterSec: number,
    message = 'Too many requests; try again later',
  ) {
    super('rate_limited', 429, message, { retryAfterSec });
  }
}
/** A join of an event with proof-of-work on came without a valid, fresh, unused proof (428 Precondition Required). */
export class ProofRequired extends DomainError {
  constructor(message: string, reason: 'missing' | 'invalid' | 'expired' | 'replayed') {
    super('proof_required', 428, message, { reason });
  }
}
export class Unavailable extends DomainError {
  constructor(message = 'The service is briefly unavailable (database unreachable); try again in a few seconds') {
    super('unavailable', 503, message);
  }
}
