import Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { requireIdentity } from '../auth/guards.js';
import { EventIdParams } from '../contracts/events.js';
import { parse } from '../http/validate.js';

/** Proof-of-work challenges for joining an event's line (docs/fairness.md). */
export function powRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api/events/:id/queue/challenge' });

  router.get('/', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const identity = await requireIdentity(ctx, app);
    await app.events.get(id);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await app.proofOfWork.challenge(id, identity.userId);
  });

  return router;
}
