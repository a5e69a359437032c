import cors from '@koa/cors';
import type { Context } from 'koa';
import { LRUCache } from 'lru-cache';
import { originMayEmbed } from '../embed/embed-origins.js';

const eventPath = /^\/api\/events\/([A-Za-z0-9_-]{1,64})(?:\/|$)/;

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
export function apiCors(allowedOriginsOf: (eventId: string) => Promise<string[] | null>, ownOrigin: string) {
  // Owners rarely change the list; a few seconds of staleness spares a read per widget request in a rush.
  const cache = new LRUCache<string, string[]>({ max: 10_000, ttl: 5_000 });
  const lookUp = async (eventId: string): Promise<string[] | null> => {
    const cached = cache.get(eventId);
    if (cached) return cached;
    const allowed = await allowedOriginsOf(eventId).catch(() => null);
    if (allowed) cache.set(eventId, allowed);
    return allowed;
  };
  return cors({
    origin: async (ctx: Context) => {
      const origin = ctx.get('Origin');
      // No Origin header: not a cross-origin request, nothing to decide (and no look-up per request).
      if (!origin || !ctx.path.startsWith('/api/')) return '';
      const eventId = eventPath.exec(ctx.path)?.[1];
      if (!eventId) return origin;
      const allowed = await lookUp(eventId);
      return allowed === null || originMayEmbed(allowed, origin, ownOrigin) ? origin : '';
    },
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
    maxAge: 600,
  });
}
