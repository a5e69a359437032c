import { ticketApi } from '../api-docs/endpoints/tickets.js';
import { NotFound } from '../errors.js';
import type { EventService } from '../events/event-service.js';
import { route, type Route } from '../http/route-table.js';
import { ticketJson, type TicketDoc } from './ticket-doc.js';
import type { TicketRepository } from './ticket-repository.js';

/** Tickets API (api.md, Tickets): my tickets, one ticket, door check-in. */
export function ticketRoutes(tickets: TicketRepository, events: EventService): Route[] {
  return [
    route(ticketApi.list, async ({ identity, query }) => {
      const { items, total } = await tickets.listByUser(identity.userId, query.page, query.pageSize, query.eventId);
      const eventDocs = await events.repo.findMany([...new Set(items.map((t) => t.eventId))]);
      const eventsById = new Map((await events.toJsonList(eventDocs)).map((e) => [e.id, e]));
      const sizes = await tickets.orderSizes(items);
      return { items: items.map((t) => ticketJson(t, eventsById.get(t.eventId), sizes.get(t.paymentId))), total, page: query.page, pageSize: query.pageSize };
    }),

    // The buyer who holds it or the organiser of its event; anyone else learns nothing, not even that it exists.
    route(ticketApi.read, async ({ params: { id }, identity }) => {
      const ticket = await tickets.byId(id);
      if (!ticket) throw new NotFound('Ticket');
      const eventDoc = await events.find(ticket.eventId);
      if (ticket.userId !== identity.userId && eventDoc?.ownerId !== identity.userId) throw new NotFound('Ticket');
      const [event] = eventDoc ? await events.toJsonList([eventDoc]) : [];
      const sizes = await tickets.orderSizes([ticket]);
      return ticketJson(ticket, event, sizes.get(ticket.paymentId));
    }),

    route(ticketApi.checkIn, async ({ params: { id }, body }) => {
      const { result, ticket } = await tickets.checkIn(id, body.code, body.door);
      return { result, ...(ticket ? { ticket: ticketJson(ticket), ...checkedIn(ticket) } : {}) };
    }),
  ];
}

/** When and where a used ticket was admitted, so a second scan can tell the door staff. */
function checkedIn(ticket: TicketDoc): { checkedInAt?: string; door?: string } {
  return { ...(ticket.usedAt ? { checkedInAt: ticket.usedAt.toISOString() } : {}), ...(ticket.door ? { door: ticket.door } : {}) };
}
