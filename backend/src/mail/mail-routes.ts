import { ticketApi } from '../api-docs/endpoints/tickets.js';
import type { AppContext } from '../app-context.js';
import { NotFound } from '../errors.js';
import { route, type Route } from '../http/route-table.js';
import { ticketsPdf } from './ticket-pdf.js';

/** Printable tickets: the same page as the order confirmation's attachment. */
export function mailRoutes(app: AppContext): Route[] {
  return [
    // Like GET /api/tickets/:id: the holder or the event's organiser; anyone else learns nothing.
    route(ticketApi.pdf, async ({ params: { id }, identity }, ctx) => {
      const ticket = await app.tickets.byId(id);
      if (!ticket) throw new NotFound('Ticket');
      const event = await app.events.find(ticket.eventId);
      if (!event || (ticket.userId !== identity.userId && event.ownerId !== identity.userId)) throw new NotFound('Ticket');
      const holder = (await app.users.get(ticket.userId))?.name ?? 'Ticket holder';
      const order = await app.tickets.ofPayment(ticket.paymentId);
      const index = Math.max(
        0,
        order.findIndex((t) => t.id === ticket._id),
      );
      const label = `Ticket ${index + 1} of ${Math.max(1, order.length)}`;
      const pdf = await ticketsPdf({ ...event, timeZone: (event as { timeZone?: string }).timeZone }, holder, [
        { id: ticket._id, code: ticket.code, amount: ticket.amount, currency: ticket.currency, status: ticket.status, label },
      ]);
      ctx.type = 'application/pdf';
      ctx.set('Content-Disposition', `attachment; filename="ticket-${index + 1}-${ticket._id}.pdf"`);
      ctx.set('Cache-Control', 'private, no-store');
      return pdf;
    }),
  ];
}
