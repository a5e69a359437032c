import type { Context, Next } from 'koa';
import helmet, { type HelmetOptions } from 'helmet';

/** The API is JSON; the site's pages get their own policy (static-files.ts, content-security-policy.ts). */
const API_HELMET: Readonly<HelmetOptions> = {
  contentSecurityPolicy: false,
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: { policy: 'same-site' },
};

/**
 * The security headers helmet sets with our options, worked out once: with these options they do
 * not depend on the request, so running helmet's dozen middlewares for every request (as koa-helmet
 * does) only repeats the same answer. Helmet stays the source of what the headers are.
 */
export function securityHeaders(options: Readonly<HelmetOptions> = API_HELMET): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
    getHeader: (name: string) => headers.get(name),
  };
  let called = false;
  // Helmet's middlewares are synchronous: `next` has run when the call returns.
  helmet(options)({ headers: {} } as never, res as never, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error('helmet refused its options');
    called = true;
  });
  if (!called) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  return [...headers.entries()];
}

/** Koa middleware setting the API's security headers (computed once, see securityHeaders). */
export function securityHeadersMiddleware(headers = securityHeaders()) {
  return function setSecurityHeaders(ctx: Context, next: Next) {
    for (const [name, value] of headers) ctx.res.setHeader(name, value);
    return next();
  };
}
