import type { CheckoutSessionState } from '@queuetix/contracts/payments';
import { NotFound } from '../../errors.js';
import type { EventsPort, TicketsPort } from '../ports.js';
import type { CheckoutSessions } from './checkout-sessions.js';

/**
 * The state of a buyer's own checkout session. Someone else's session is answered exactly like one
 * that does not exist, so a session id learnt elsewhere tells nothing.
 */
export async function checkoutSessionState(
  deps: { sessions: CheckoutSessions; tickets: TicketsPort; events: EventsPort },
  sessionId: string,
  userId: string,
): Promise<CheckoutSessionState> {
  const session = await deps.sessions.bySessionId(sessionId);
  if (!session) return freeOrderState(deps, sessionId, userId);
  if (session.userId !== userId) throw new NotFound('Checkout session');
  // Marked complete only after the purchase was acknowledged, and tickets are stored before that:
  // a completed session without tickets is a payment the event could no longer honour (refunded).
  const tickets = session.status === 'complete' && session.paymentId ? await deps.tickets.ofPayment(session.paymentId) : [];
  const status = session.status === 'complete' ? (tickets.length > 0 ? 'paid' : 'refunded') : session.status === 'open' ? 'pending' : 'expired';
  return {
    sessionId: session.sessionId,
    eventId: session.eventId,
    eventName: session.eventName,
    quantity: session.quantity,
    amount: session.amount,
    currency: session.currency,
    status,
    tickets,
  };
}

/** A free order never had a payment page: its "session id" is its payment id (CheckoutService.issueFree). */
async function freeOrderState(deps: { tickets: TicketsPort; events: EventsPort }, paymentId: string, userId: string): Promise<CheckoutSessionState> {
  const tickets = paymentId.startsWith('free_') ? await deps.tickets.ofPayment(paymentId) : [];
  const event = tickets[0]?.userId === userId ? await deps.events.get(tickets[0].eventId) : null;
  if (!event) throw new NotFound('Checkout session');
  return {
    sessionId: paymentId,
    eventId: event.id,
    eventName: event.name,
    quantity: tickets.length,
    amount: 0,
    currency: event.currency,
    status: 'paid',
    tickets,
  };
}
