import type { AppContext } from '../app-context.js';
import { ticketJson } from '../tickets/ticket-doc.js';
import type { Cluster } from './cluster.js';

/**
 * `ticket` pushes, read back from the tickets module so the buyer sees exactly the stored ticket:
 * when a payment issues them (already written: the tickets module stores them before the purchase
 * is acknowledged) and when one changes later (check-in, refund).
 */
export class TicketPushes {
  constructor(
    private readonly app: AppContext,
    private readonly cluster: Cluster,
  ) {}

  issued(userId: string, paymentId: string): void {
    this.app.tickets.justIssuedOf(paymentId).then(
      (tickets) => this.cluster.pushToUsers(tickets.map((ticket) => ({ userId, ticket }))),
      (err: unknown) => this.app.log.warn({ paymentId, err }, 'realtime: could not read issued tickets'),
    );
  }

  changed(userId: string, ticketId: string): void {
    this.app.tickets.byId(ticketId).then(
      (doc) => doc && this.cluster.pushToUsers([{ userId, ticket: ticketJson(doc) }]),
      (err: unknown) => this.app.log.warn({ ticketId, err }, 'realtime: could not read a changed ticket'),
    );
  }
}
