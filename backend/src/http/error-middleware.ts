import type { Context, Next } from 'koa';
import { DomainError, RateLimited, Unavailable } from '../errors.js';
import type { Logger } from '../logger.js';
import { isDatabaseUnavailable } from '../storage/mongo.js';

/** What a 503 tells clients to wait before retrying (a database blip or a restart lasts about this long). */
export const UNAVAILABLE_RETRY_AFTER_SEC = 5;

/**
 * The one place where errors become HTTP answers. Domain errors map to their code; errors from
 * Koa's own parsers (status + expose) keep their status; everything else is a 500 whose details
 * stay in the log. No stack trace or internal message reaches a client.
 */
export function errorMiddleware(log: Logger) {
  return async function handleErrors(ctx: Context, next: Next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api')) {
        ctx.status = 404;
        ctx.body = { error: { code: 'not_found', message: `No such endpoint: ${ctx.method} ${ctx.path}` } };
      }
      retryAfterOn503(ctx);
    } catch (raw) {
      const answer = errorAnswer(raw, log, ctx.method, ctx.path);
      ctx.status = answer.status;
      ctx.body = answer.body;
      // A Retry-After already set (forwarding's "the owner is gone, try again in 1 s") is kept.
      if (answer.retryAfterSec !== undefined && !ctx.response.get('Retry-After')) ctx.set('Retry-After', String(answer.retryAfterSec));
    }
  };
}

/** The HTTP answer to an error thrown while serving a request (the lean path answers with it too). */
export interface ErrorAnswer {
  status: number;
  body: { error: { code: string; message: string; details?: unknown } };
  /** When to come back: a rate limit's own wait; for any 503, UNAVAILABLE_RETRY_AFTER_SEC. */
  retryAfterSec?: number;
}

export function errorAnswer(raw: unknown, log: Logger, method: string, path: string): ErrorAnswer {
  const err = toDomainError(raw);
  if (!err) {
    log.error({ err: raw, method, path }, 'unhandled error');
    return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side; it has been logged' } } };
  }
  if (err instanceof Unavailable) log.warn({ path, err: String(raw) }, 'service unavailable');
  return {
    status: err.status,
    body: { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } },
    ...(err instanceof RateLimited ? { retryAfterSec: err.retryAfterSec } : err.status === 503 ? { retryAfterSec: UNAVAILABLE_RETRY_AFTER_SEC } : {}),
  };
}

/** Every 503, thrown or set by a route (health), says when to come back; one that already says so is left alone. */
function retryAfterOn503(ctx: Context): void {
  if (ctx.status === 503 && !ctx.response.get('Retry-After')) ctx.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SEC));
}

function toDomainError(raw: unknown): DomainError | undefined {
  if (raw instanceof DomainError) return raw;
  if (isDatabaseUnavailable(raw)) return new Unavailable();
  const e = raw as { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return new DomainError('payload_too_large', 413, 'Request body too large');
    if (status === 415) return new DomainError('unsupported_media_type', 415, e.message ?? 'Unsupported media type');
    if (status === 401) return new DomainError('unauthenticated', 401, e.message ?? 'Sign in first');
    if (status === 403) return new DomainError('forbidden', 403, e.message ?? 'Forbidden');
    if (status === 404) return new DomainError('not_found', 404, e.message ?? 'Not found');
    const message = e.expose && e.message ? e.message : 'Malformed request';
    return new DomainError('invalid_request', 400, e.type === 'entity.parse.failed' ? 'Malformed JSON body' : message);
  }
  return undefined;
}
