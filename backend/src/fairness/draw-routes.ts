import Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { optionalIdentity } from '../auth/guards.js';
import { EventIdParams } from '../contracts/events.js';
import { parse } from '../http/validate.js';
import { drawJson } from './draw-json.js';

/** The public record of an event's early-arrival draw (docs/fairness.md). */
export function drawRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api/events/:id/draw' });

  router.get('/', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const identity = await optionalIdentity(ctx, app);
    await app.events.get(id); // 404 for an unknown event, before an actor is woken for it
    ctx.body = drawJson(id, await app.queues.drawFacts(id, identity?.userId));
    // The record changes once (at the draw); a signed-in answer carries the caller's pseudonym.
    ctx.set('Cache-Control', 'no-store');
  });

  return router;
}
