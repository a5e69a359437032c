import type { BackendModule } from '../app-context.js';
import { retryInBackground } from '../events/retry.js';
import { reconcileTickets, storeIssuedTickets } from './ticket-issuer.js';
import { TicketRepository } from './ticket-repository.js';
import { ticketRoutes } from './ticket-routes.js';

/**
 * Tickets: written when the actor issues them (before the purchase is acknowledged), reconciled
 * after a crash, listed, and checked in at the door. Exposes `app.tickets` for payments and seller.
 */
export const ticketsModule: BackendModule = {
  name: 'tickets',
  install(app) {
    const tickets = new TicketRepository(app.db.db, app.bus, app.config.PLATFORM_FEE_PERCENT);
    app.tickets = tickets;
    const nameOf = (userId: string) => app.users.nameOf(userId);
    app.queues.beforeAck(storeIssuedTickets(tickets, nameOf));
    app.queues.onRecovered(reconcileTickets(tickets, nameOf, app.log));
    return {
      routes: ticketRoutes(tickets, app.events),
      async start() {
        retryInBackground(app.log, 'ticket indexes', () => tickets.ensureIndexes());
      },
    };
  },
};
