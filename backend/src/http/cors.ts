import cors from '@koa/cors';
import type { Context } from 'koa';
import { LRUCache } from 'lru-cache';
import { originMayEmbed } from '../embed/embed-origins.js';

const eventPath = /^\/api\/events\/([A-Za-z0-9_-]{1,64})(?:\/|$)/;

/** Response headers a page on another origin may read. */
export const CORS_EXPOSED_HEADERS = ['Retry-After', 'Idempotent-Replayed'];

/**
 * CORS for the public API, which the widget calls from organisers' sites with a bearer token and
 * never a cookie, so answering other origins exposes nothing a cookie would guard. Under
 * /api/events/:id the event's `allowedOrigins` decide (empty = Queuetix only, '*' = any site, as
 * embed/embed-origins.ts says for embed tokens too); the rest of /api answers
 * any origin (the widget tells "this site is refused" from "the API is down" by /api/config
 * answering). A refused origin gets no CORS headers: its browser withholds the answer.
 * An unknown event, or a failed look-up, answers like an open event, so the widget can read the 404
 * and a database hiccup never looks like a refusal.
 */
export function apiCors(corsOrigin: CorsOrigin) {
  return cors({
    origin: (ctx: Context) => corsOrigin(ctx.get('Origin'), ctx.path),
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposeHeaders: CORS_EXPOSED_HEADERS,
    maxAge: 600,
  });
}

/**
 * The origin a response names in Access-Control-Allow-Origin, '' for none: the decision above,
 * shared by the Koa middleware and the lean path (lean-path.ts) so both answer alike.
 */
export type CorsOrigin = (origin: string, path: string) => Promise<string>;

export function apiCorsOrigin(allowedOriginsOf: (eventId: string) => Promise<string[] | null>, ownOrigin: string): CorsOrigin {
  // Owners rarely change the list; a few seconds of staleness spares a read per widget request in a rush.
  const cache = new LRUCache<string, string[]>({ max: 10_000, ttl: 5_000 });
  const lookUp = async (eventId: string): Promise<string[] | null> => {
    const cached = cache.get(eventId);
    if (cached) return cached;
    const allowed = await allowedOriginsOf(eventId).catch(() => null);
    if (allowed) cache.set(eventId, allowed);
    return allowed;
  };
  return async (origin, path) => {
    // No Origin header: not a cross-origin request, nothing to decide (and no look-up per request).
    if (!origin || !path.startsWith('/api/')) return '';
    const eventId = eventPath.exec(path)?.[1];
    if (!eventId) return origin;
    const allowed = await lookUp(eventId);
    return allowed === null || originMayEmbed(allowed, origin, ownOrigin) ? origin : '';
  };
}
