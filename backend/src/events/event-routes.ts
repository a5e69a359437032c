import Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { requireSeller } from '../auth/guards.js';
import { CreateEventRequest, EventIdParams, SearchEventsQuery, UpdateEventRequest } from '../contracts/events.js';
import { answerIdempotently } from '../http/idempotency.js';
import { parse } from '../http/validate.js';
import type { EventService } from './event-service.js';

/** Unknown query parameters are refused like unknown body fields; ranges must not be upside down. */
const SearchQuery = SearchEventsQuery.strict()
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, { message: 'minPrice must not exceed maxPrice', path: ['minPrice'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'from must not be after to', path: ['from'] });

/** Events API (api.md, Events): thin — validate, call the service, shape the reply. */
export function eventRoutes(app: AppContext, events: EventService): Router {
  const router = new Router({ prefix: '/api/events' });

  router.get('/', async (ctx) => {
    const query = parse(SearchQuery, ctx.query, 'search');
    const { items, total } = await events.search(query);
    ctx.body = { items, total, page: query.page, pageSize: query.pageSize };
  });

  router.post('/', async (ctx) => {
    const seller = await requireSeller(ctx, app);
    const body = parse(CreateEventRequest, ctx.request.body, 'event');
    const once = { scope: 'events.create', callerId: seller._id, request: body, status: 201 };
    await answerIdempotently(ctx, app.idempotency, once, () => events.create(seller, body));
  });

  router.get('/:id', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    ctx.body = await events.read(id);
  });

  router.patch('/:id', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const seller = await requireSeller(ctx, app);
    const patch = parse(UpdateEventRequest, ctx.request.body, 'event');
    ctx.body = await events.update(id, seller, patch);
  });

  router.get('/:id/availability', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    ctx.body = await app.queues.availability(id);
  });

  return router;
}
