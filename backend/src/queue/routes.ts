import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { requireIdentity } from '../auth/guards.js';
import { EventIdParams } from '../contracts/events.js';
import { JoinQueueRequest } from '../contracts/queue.js';
import { NotFound } from '../errors.js';
import { parse } from '../http/validate.js';
import { entryJson } from './entry-json.js';
import type { JoinRateLimits } from './join-rate-limits.js';

const newEntryId = () => `e_${randomBytes(12).toString('base64url')}`;

/** Queue routes: thin — validate, send the command to the event's actor, shape the reply. */
export function queueRoutes(app: AppContext, limits: JoinRateLimits): Router {
  const router = new Router({ prefix: '/api/events/:id/queue' });

  router.post('/', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const identity = await requireIdentity(ctx, app);
    const body = parse(JoinQueueRequest, ctx.request.body, 'join');
    await app.proofOfWork.checkJoin(id, identity.userId, body.pow);
    await limits.consume(identity.userId, ctx.ip);
    const reply = await app.queues.command(id, { type: 'join', entryId: newEntryId(), userId: identity.userId, quantity: body.quantity });
    ctx.status = reply.existing ? 200 : 201;
    ctx.body = entryJson(reply.entry);
  });

  router.get('/me', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const identity = await requireIdentity(ctx, app);
    const entry = await app.queues.entryOfUser(id, identity.userId);
    if (!entry) throw new NotFound('Queue entry');
    ctx.body = entryJson(entry);
  });

  router.delete('/me', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const identity = await requireIdentity(ctx, app);
    const reply = await app.queues.command(id, { type: 'leave', userId: identity.userId });
    ctx.body = entryJson(reply.entry);
  });

  return router;
}
