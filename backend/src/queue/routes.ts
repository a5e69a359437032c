import { randomBytes } from 'node:crypto';
import { queueApi } from '../api-docs/endpoints/queue.js';
import type { AppContext } from '../app-context.js';
import { NotFound } from '../errors.js';
import { route, type Route } from '../http/route-table.js';
import { entryJson } from './entry-json.js';
import type { JoinRateLimits } from './join-rate-limits.js';

const newEntryId = () => `e_${randomBytes(12).toString('base64url')}`;

/** Queue routes: thin — send the command to the event's actor, shape the reply. */
export function queueRoutes(app: AppContext, limits: JoinRateLimits): Route[] {
  return [
    route(queueApi.join, async ({ params: { id }, identity, body }, ctx) => {
      await limits.consume(identity.userId, ctx.ip);
      const reply = await app.queues.command(id, { type: 'join', entryId: newEntryId(), userId: identity.userId, quantity: body.quantity });
      ctx.status = reply.existing ? 200 : 201;
      return entryJson(reply.entry);
    }),
    route(queueApi.myEntry, async ({ params: { id }, identity }) => {
      const entry = await app.queues.entryOfUser(id, identity.userId);
      if (!entry) throw new NotFound('Queue entry');
      return entryJson(entry);
    }),
    route(queueApi.leave, async ({ params: { id }, identity }) => {
      const reply = await app.queues.command(id, { type: 'leave', userId: identity.userId });
      return entryJson(reply.entry);
    }),
  ];
}
