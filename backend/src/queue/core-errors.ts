import type { CoreError } from './core/index.js';
import { CodeInvalid, Conflict, DomainError, Forbidden, Invalid, NotFound, OfferExpired, SoldOut } from '../errors.js';

/** The core speaks in plain codes; the rest of the backend in typed domain errors. */
export function toDomainError(error: CoreError): DomainError {
  switch (error.code) {
    case 'not_found':
      return new DomainError('not_found', 404, error.message);
    case 'conflict':
      return new Conflict(error.message);
    case 'sold_out':
      return new SoldOut(error.message);
    case 'offer_expired':
      return new OfferExpired(error.message);
    case 'invalid_request':
      return new Invalid(error.message);
    case 'forbidden':
      return new Forbidden(error.message);
    case 'code_invalid':
      return new CodeInvalid(error.message);
  }
}

export { NotFound };
