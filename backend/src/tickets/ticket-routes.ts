import Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { requireIdentity } from '../auth/guards.js';
import { doorStaff } from '../door/pass-scope.js';
import { EventIdParams } from '../contracts/events.js';
import { CheckInRequest, TicketIdParams, TicketsQuery } from '../contracts/tickets.js';
import { NotFound } from '../errors.js';
import type { EventService } from '../events/event-service.js';
import { parse } from '../http/validate.js';
import { ticketJson } from './ticket-doc.js';
import type { TicketRepository } from './ticket-repository.js';

/** Tickets API (api.md, Tickets): my tickets, one ticket, door check-in. */
export function ticketRoutes(app: AppContext, tickets: TicketRepository, events: EventService): Router {
  const router = new Router({ prefix: '/api' });

  router.get('/tickets', async (ctx) => {
    const identity = await requireIdentity(ctx, app);
    const query = parse(TicketsQuery, ctx.query, 'query');
    const { items, total } = await tickets.listByUser(identity.userId, query.page, query.pageSize, query.eventId);
    const eventDocs = await events.repo.findMany([...new Set(items.map((t) => t.eventId))]);
    const eventsById = new Map((await events.toJsonList(eventDocs)).map((e) => [e.id, e]));
    ctx.body = { items: items.map((t) => ticketJson(t, eventsById.get(t.eventId))), total, page: query.page, pageSize: query.pageSize };
  });

  // The buyer who holds it or the organiser of its event; anyone else learns nothing, not even that it exists.
  router.get('/tickets/:id', async (ctx) => {
    const { id } = parse(TicketIdParams, ctx.params, 'ticket id');
    const identity = await requireIdentity(ctx, app);
    const ticket = await tickets.byId(id);
    if (!ticket) throw new NotFound('Ticket');
    const eventDoc = await events.find(ticket.eventId);
    if (ticket.userId !== identity.userId && eventDoc?.ownerId !== identity.userId) throw new NotFound('Ticket');
    const [event] = eventDoc ? await events.toJsonList([eventDoc]) : [];
    ctx.body = ticketJson(ticket, event);
  });

  router.post('/events/:id/check-in', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    // Door staff with a check-in pass of this event (checked by door/pass-scope.ts), or the owner.
    if (!doorStaff(ctx)) await events.getOwned(id, (await requireIdentity(ctx, app)).userId);
    const { code } = parse(CheckInRequest, ctx.request.body, 'check-in');
    const { result, ticket } = await tickets.checkIn(id, code);
    ctx.body = { result, ...(ticket ? { ticket: ticketJson(ticket) } : {}) };
  });

  return router;
}
