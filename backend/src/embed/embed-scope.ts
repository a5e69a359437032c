import type { Context } from 'koa';
import { bearerTokenOf } from '../auth/bearer.js';

/** Koa types `next` as returning Promise<any>; the middleware after us settles with nothing. */
type Next = () => Promise<void>;
import { Forbidden } from '../errors.js';
import { decodePathSegment } from '../http/path-segment.js';
import { EmbedTokens, type EmbedIdentity, type EmbedScope } from './embed-tokens.js';

interface AllowedRoute {
  method: string;
  /** Matches the path; group 1 is the event id, which must be the token's event. */
  path: RegExp;
  /** Extra condition on the query (my tickets: only with ?eventId= of the token's event). */
  query?: (query: Context['query'], scope: EmbedScope) => boolean;
  what: string;
}

const ev = '([^/]+)';

/**
 * Every route an embed token may reach: the buyer routes of its one event. Anything else answers
 * 403. This list and `socketMayWatch` below are the whole scope of an embed token (docs/security.md).
 */
export const EMBED_ROUTES: readonly AllowedRoute[] = [
  { method: 'POST', path: new RegExp(`^/api/events/${ev}/queue/?$`, 'i'), what: 'join the line' },
  { method: 'GET', path: new RegExp(`^/api/events/${ev}/queue/me/?$`, 'i'), what: 'read my entry' },
  { method: 'DELETE', path: new RegExp(`^/api/events/${ev}/queue/me/?$`, 'i'), what: 'leave the line' },
  // The widget's ticket-type picker: a buyer whose type sold out changes the request, and codes are checked before joining.
  { method: 'PATCH', path: new RegExp(`^/api/events/${ev}/queue/me/?$`, 'i'), what: 'change what my entry asks for' },
  { method: 'POST', path: new RegExp(`^/api/events/${ev}/codes/check/?$`, 'i'), what: 'check an access or discount code' },
  { method: 'GET', path: new RegExp(`^/api/events/${ev}/queue/challenge/?$`, 'i'), what: 'get a proof-of-work challenge to join' },
  { method: 'GET', path: new RegExp(`^/api/events/${ev}/draw/?$`, 'i'), what: "read the draw's public record" },
  { method: 'POST', path: new RegExp(`^/api/events/${ev}/checkout/?$`, 'i'), what: 'start checkout' },
  { method: 'GET', path: /^\/api\/tickets\/?$/i, query: (q, scope) => q.eventId === scope.eventId, what: 'list my tickets of the event (?eventId=)' },
];

/** May an embed token with this scope call `method path?query`? */
export function embedRouteAllowed(method: string, path: string, query: Context['query'], scope: EmbedScope): boolean {
  return EMBED_ROUTES.some((route) => {
    if (route.method !== method.toUpperCase()) return false;
    const match = route.path.exec(path);
    if (!match) return false;
    if (match[1] !== undefined && decodePathSegment(match[1]) !== scope.eventId) return false;
    return route.query ? route.query(query, scope) : true;
  });
}

/** May a socket authenticated with an embed token watch this event? Only its own. */
export function socketMayWatch(scope: EmbedScope | undefined, eventId: string): boolean {
  return !scope || scope.eventId === eventId;
}

const STATE_KEY = 'embedIdentity';

/**
 * The one guard for embed tokens, in front of every route: a request carrying one is verified
 * here and let through only to the routes above for the token's event, from the site it was
 * issued to (a browser's `Origin`, when sent, must be that site). Everything else is 403.
 */
export function embedScope(tokens: EmbedTokens) {
  return async function guardEmbedTokens(ctx: Context, next: Next) {
    const token = bearerTokenOf(ctx.get('authorization'));
    if (!token || !EmbedTokens.looksLikeEmbedToken(token)) return next();
    const identity = await tokens.verify(token);
    const { embed } = identity;
    if (!embedRouteAllowed(ctx.method, ctx.path, ctx.query, embed)) {
      throw new Forbidden(
        `This token was given to ${embed.origin} for event ${embed.eventId} only: it may join or leave that event's line (with a proof-of-work challenge and its codes), change or read that entry and the event's draw record, start its checkout and list its tickets — nothing else`,
      );
    }
    const origin = ctx.get('origin');
    if (origin && origin.toLowerCase() !== embed.origin.toLowerCase()) {
      throw new Forbidden(`This token was given to ${embed.origin}, not to ${origin}`);
    }
    ctx.state[STATE_KEY] = identity;
    return next();
  };
}

/** The embed identity the guard let through for this request, if any. */
export function checkedEmbedIdentity(ctx: Context): EmbedIdentity | undefined {
  return ctx.state[STATE_KEY] as EmbedIdentity | undefined;
}
