import type { Logger } from '../logger.js';
import { issuedPayments } from '../queue/core/issued.js';
import type { Effect, QueueState } from '../queue/core/index.js';
import { newTicketCode, newTicketId } from './ticket-ids.js';
import type { IssuedTickets, TicketRepository } from './ticket-repository.js';

/** The buyer's name to keep on their tickets (UserRepository.nameOf). */
export type BuyerNameOf = (userId: string) => Promise<string | undefined>;

/**
 * Stores a payment's tickets with their buyer's name. A name is for the seller's pages and never
 * worth failing a paid purchase: a ticket stored without one is named from the users collection
 * when a page is read (seller-routes.ts).
 */
async function writeNamed(tickets: TicketRepository, nameOf: BuyerNameOf, issued: IssuedTickets): Promise<number> {
  const buyerName = await nameOf(issued.userId).catch(() => undefined);
  return tickets.writeIssued(buyerName === undefined ? issued : { ...issued, buyerName });
}

/**
 * Runs before the actor acknowledges a purchase (EventQueues.beforeAck): the buyer is told "paid"
 * only once their tickets are stored. A failure here fails the command, and the actor restarts
 * from its journal, where reconcileTickets finishes the job.
 */
export function storeIssuedTickets(tickets: TicketRepository, nameOf: BuyerNameOf) {
  return async (eventId: string, effects: Effect[]): Promise<void> => {
    for (const effect of effects) {
      if (effect.type !== 'ticketsIssued') continue;
      await writeNamed(tickets, nameOf, { eventId, paymentId: effect.paymentId, userId: effect.userId, tickets: effect.tickets, purchasedAt: new Date() });
    }
  };
}

/**
 * Runs when an actor recovers (EventQueues.onRecovered). A crash between journaling a purchase
 * and storing its tickets leaves a payment without tickets; this writes the missing seats (new ids
 * and codes: the lost ones were never shown to anyone). One count query when nothing is missing.
 */
export function reconcileTickets(tickets: TicketRepository, nameOf: BuyerNameOf, log: Logger) {
  return async (eventId: string, state: QueueState): Promise<void> => {
    const payments = issuedPayments(state);
    if (payments.length === 0) return;
    const expected = payments.reduce((sum, p) => sum + p.quantity, 0);
    if ((await tickets.countByEvent(eventId)) >= expected) return;

    const stored = await tickets.countsByPayment(eventId);
    for (const payment of payments) {
      if ((stored.get(payment.paymentId) ?? 0) >= payment.quantity) continue;
      const written = await writeNamed(tickets, nameOf, {
        eventId,
        paymentId: payment.paymentId,
        userId: payment.userId,
        // The same types, amounts and codes the purchase issued; new ids and codes.
        tickets: payment.tickets.map((details) => ({ ...details, id: newTicketId(), code: newTicketCode(), currency: payment.currency })),
        purchasedAt: new Date(),
      });
      log.warn({ eventId, paymentId: payment.paymentId, written }, 'stored tickets missing after a crash');
    }
  };
}
