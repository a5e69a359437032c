import Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { requireIdentity } from '../auth/guards.js';
import { TicketIdParams } from '../contracts/tickets.js';
import { NotFound } from '../errors.js';
import { parse } from '../http/validate.js';
import { ticketsPdf } from './ticket-pdf.js';

/** Printable tickets: GET /api/tickets/:id/pdf (the same page as the order confirmation's attachment). */
export function mailRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api' });

  // Like GET /api/tickets/:id: the holder or the event's organiser; anyone else learns nothing.
  router.get('/tickets/:id/pdf', async (ctx) => {
    const { id } = parse(TicketIdParams, ctx.params, 'ticket id');
    const identity = await requireIdentity(ctx, app);
    const ticket = await app.tickets.byId(id);
    if (!ticket) throw new NotFound('Ticket');
    const event = await app.events.find(ticket.eventId);
    if (!event || (ticket.userId !== identity.userId && event.ownerId !== identity.userId)) throw new NotFound('Ticket');
    const holder = (await app.users.get(ticket.userId))?.name ?? 'Ticket holder';
    const order = await app.tickets.ofPayment(ticket.paymentId);
    const index = order.findIndex((t) => t.id === ticket._id);
    const pdf = await ticketsPdf({ ...event, timeZone: (event as { timeZone?: string }).timeZone }, holder, [
      { id: ticket._id, code: ticket.code, amount: ticket.amount, currency: ticket.currency, status: ticket.status, label: `Ticket ${index + 1} of ${order.length}` },
    ]);
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `attachment; filename="ticket-${index >= 0 ? index + 1 : 1}-${ticket._id}.pdf"`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = pdf;
  });

  return router;
}
