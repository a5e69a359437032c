import type { Context } from 'koa';
import { eventApi } from '../api-docs/endpoints/events.js';
import type { AppContext } from '../app-context.js';
import { optionalIdentity } from '../auth/guards.js';
import { NotFound } from '../errors.js';
import { answerIdempotently } from '../http/idempotency.js';
import { route, type Route } from '../http/route-table.js';
import type { EventService } from './event-service.js';

/** Events API (api.md, Events): thin — call the service, shape the reply (the route table validates and authenticates). */
export function eventRoutes(app: AppContext, events: EventService): Route[] {
  /** A draft is shown to its owner only (their preview before publishing); to anyone else it does not exist. */
  const hideOthersDraft = async (ctx: Context, eventId: string) => {
    const draft = await events.visibility.draftOrNull(eventId);
    if (draft && draft.ownerId !== (await optionalIdentity(ctx, app))?.userId) throw new NotFound('Event');
  };

  return [
    route(eventApi.search, async ({ query }) => {
      const { items, total } = await events.search(query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    }),
    route(eventApi.create, async ({ user, body }, ctx) => {
      const once = { scope: 'events.create', callerId: user._id, request: body, status: 201 };
      await answerIdempotently(ctx, app.idempotency, once, () => events.create(user, body));
    }),
    route(eventApi.read, async ({ params }, ctx) => {
      await hideOthersDraft(ctx, params.id);
      // The owner sees the hidden ticket types too (an invalid or absent token reads as anyone).
      const viewer = await optionalIdentity(ctx, app).catch(() => undefined);
      return events.read(params.id, viewer?.userId);
    }),
    route(eventApi.publish, ({ params, user }) => events.publish(params.id, user)),
    route(eventApi.update, ({ params, user, body }) => events.update(params.id, user, body)),
    route(eventApi.availability, async ({ params }, ctx) => {
      await hideOthersDraft(ctx, params.id);
      return app.queues.availability(params.id);
    }),
  ];
}
