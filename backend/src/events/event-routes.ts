import { eventApi } from '../api-docs/endpoints/events.js';
import type { AppContext } from '../app-context.js';
import { answerIdempotently } from '../http/idempotency.js';
import { route, type Route } from '../http/route-table.js';
import type { EventService } from './event-service.js';

/** Events API (api.md, Events): thin — call the service, shape the reply (the route table validates and authenticates). */
export function eventRoutes(app: AppContext, events: EventService): Route[] {
  return [
    route(eventApi.search, async ({ query }) => {
      const { items, total } = await events.search(query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    }),
    route(eventApi.create, async ({ user, body }, ctx) => {
      const once = { scope: 'events.create', callerId: user._id, request: body, status: 201 };
      await answerIdempotently(ctx, app.idempotency, once, () => events.create(user, body));
    }),
    route(eventApi.read, ({ params }) => events.read(params.id)),
    route(eventApi.update, ({ params, user, body }) => events.update(params.id, user, body)),
    route(eventApi.availability, ({ params }) => app.queues.availability(params.id)),
  ];
}
