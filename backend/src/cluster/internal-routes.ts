import Router from '@koa/router';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { EventIdParams } from '@queuetix/contracts/events';
import { DomainError, NotFound, Unavailable } from '../errors.js';
import { isDatabaseUnavailable } from '../storage/mongo.js';
import { BatchBody, type BatchResult } from './batch-wire.js';
import { parse } from '../http/validate.js';
import type { Command } from '../queue/core/index.js';
import type { RemoteRead } from '../queue/ownership.js';
import type { ClusterContext } from './cluster-context.js';

const CommandBody = z.object({
  cmd: z.looseObject({ type: z.enum(['create', 'configure', 'join', 'leave', 'openSales', 'expire', 'purchase', 'cancel']) }),
});
const ReadBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('availability') }),
  z.object({ kind: z.literal('entryOfUser'), userId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('watch'), userId: z.string().min(1).max(200).optional() }),
  z.object({ kind: z.literal('draw'), userId: z.string().min(1).max(200).optional() }),
]);

/**
 * Calls between instances: commands and named reads for the events this instance runs, and a
 * status page. Only peers (holding the shared secret) see them; anyone else gets a 404. They never
 * forward again (`here`): an instance that no longer runs the event answers 503 and the caller retries.
 */
export function internalRouter(app: AppContext, cluster: ClusterContext): Router {
  const router = new Router({ prefix: '/internal/cluster' });
  router.use(async (ctx, next) => {
    if (!cluster.peers.isPeer(ctx.headers)) throw new NotFound('Endpoint');
    await next();
  });

  router.post('/events/:id/command', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const { cmd } = parse(CommandBody, ctx.request.body, 'command');
    ctx.body = { reply: await app.queues.command(id, cmd as unknown as Command, { here: true }) };
  });

  // A batch of admitted commands from an edge: per event one actor message and one journal write.
  router.post('/batch', async (ctx) => {
    const { items } = parse(BatchBody, ctx.request.body, 'batch');
    const byEvent = new Map<string, number[]>();
    items.forEach(({ eventId }, i) => {
      const at = byEvent.get(eventId);
      if (at) at.push(i);
      else byEvent.set(eventId, [i]);
    });
    const results = new Array<BatchResult>(items.length);
    await Promise.all(
      [...byEvent].map(async ([eventId, at]) => {
        try {
          const outcomes = await app.queues.commandBatch(
            eventId,
            at.map((i) => items[i]!.cmd as Command),
          );
          outcomes.forEach((o, k) => (results[at[k]!] = 'reply' in o ? { reply: o.reply } : wireError(o.error)));
        } catch (err) {
          const failed = wireError(err, cluster);
          for (const i of at) results[i] = failed;
        }
      }),
    );
    ctx.body = { results };
  });

  router.post('/events/:id/read', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const read: RemoteRead = parse(ReadBody, ctx.request.body, 'read');
    ctx.body = { value: (await app.queues.answer(id, read, { here: true })) ?? null };
  });

  router.get('/events/:id/lease', (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    ctx.body = { token: cluster.leases.heldToken(id) ?? null };
  });

  router.get('/status', (ctx) => {
    ctx.body = {
      instanceId: cluster.instanceId,
      clustered: cluster.clustered,
      leases: cluster.leases.heldEvents(),
      fencedWrites: app.queues.engine.fencedWrites,
      forwardedRequests: cluster.stats.forwardedRequests,
      forwardedBatches: cluster.stats.forwardedBatches,
      batchedCommands: cluster.stats.batchedCommands,
      leanRequests: app.httpStats.leanRequests,
    };
  });
  return router;
}

/** A command's error as the batch reply carries it; what is not a domain error is a 503 (logged), the edge's buyer retries. */
function wireError(err: unknown, cluster?: ClusterContext): BatchResult {
  const known = err instanceof DomainError ? err : isDatabaseUnavailable(err) ? new Unavailable() : undefined;
  if (!known) cluster?.log.error({ err }, 'cluster: a batched command failed');
  const e = known ?? new Unavailable();
  return { status: e.status, error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
}
