import { queueApi } from '../api-docs/endpoints/queue.js';
import type { AppContext } from '../app-context.js';
import { Conflict, NotFound } from '../errors.js';
import { route, type Route } from '../http/route-table.js';
import { codeRoutes } from './code-routes.js';
import { entryJson } from './entry-json.js';
import { newEntryId } from './entry-ids.js';
import type { JoinRateLimits } from './join-rate-limits.js';

/** "Email me when it's my turn" needs somewhere to send it. */
async function requireEmail(app: AppContext, userId: string): Promise<void> {
  const user = await app.users.get(userId);
  if (!user?.email) throw new Conflict('We have no email address for you yet: add one under My tickets, then ask to be emailed');
}

/** Queue routes: thin — send the command to the event's actor, shape the reply. */
export function queueRoutes(app: AppContext, limits: JoinRateLimits): Route[] {
  return [
    route(queueApi.join, async ({ params: { id }, identity, body }, ctx) => {
      await app.proofOfWork.checkJoin(id, identity.userId, body.pow);
      await limits.consume(identity.userId, ctx.ip);
      await app.events.visibility.assertJoinable(id);
      const turnEmail = body.notifyByEmail === true;
      if (turnEmail) await requireEmail(app, identity.userId);
      const { quantity, items, accessCode, discountCode } = body;
      const reply = await app.queues.command(id, {
        type: 'join',
        entryId: newEntryId(),
        userId: identity.userId,
        quantity,
        items,
        accessCode,
        discountCode,
        turnEmail,
      });
      if (turnEmail && reply.entry.status === 'waiting') {
        await app.mail.armYourTurn(id, identity.userId, reply.entry.id, () => app.queues.entryOfUser(id, identity.userId));
      }
      ctx.status = reply.existing ? 200 : 201;
      return entryJson(reply.entry);
    }),
    route(queueApi.myEntry, async ({ params: { id }, query: { ifAny }, identity }, ctx) => {
      const entry = await app.queues.entryOfUser(id, identity.userId);
      if (!entry && ifAny) {
        ctx.status = 204;
        return undefined;
      }
      if (!entry) throw new NotFound('Queue entry');
      return entryJson(entry);
    }),
    route(queueApi.changeItems, async ({ params: { id }, identity, body }) => {
      const reply = await app.queues.command(id, { type: 'changeItems', userId: identity.userId, items: body.items });
      return entryJson(reply.entry);
    }),
    ...codeRoutes(app),
    route(queueApi.leave, async ({ params: { id }, identity }) => {
      const reply = await app.queues.command(id, { type: 'leave', userId: identity.userId });
      return entryJson(reply.entry);
    }),
  ];
}
