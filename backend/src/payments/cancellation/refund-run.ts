import type { EventQueues } from '../../queue/event-queues.js';
import type { RefundableTicket, TicketsPort } from '../ports.js';
import type { RefundLedger } from '../refunds/refund-ledger.js';
import { PermanentRefundFailure, type Refunder } from '../refunds/refunder.js';

export interface RefundCounts {
  done: number;
  total: number;
  failed: number;
}

/** Tickets written are behind the actor's count: a purchase acknowledged just before the cancel is still being written. */
export class TicketsStillBeingWritten extends Error {}

export const CANCELLATION_REASON = 'event_cancelled';

/**
 * One run of a cancelled event's refunds, from wherever the last run stopped: first the refunds a
 * crash left half-done (retried with their recorded key and amount, so the provider does not pay
 * twice), then every ticket not yet refunded (valid or used), one refund per payment, each ticket marked refunded
 * right after its refund. Progress is reported after each payment.
 */
export async function refundCancelledEvent(
  eventId: string,
  deps: { queues: EventQueues; tickets: TicketsPort; ledger: RefundLedger; refunder: Refunder },
  report: (counts: RefundCounts) => Promise<void>,
): Promise<RefundCounts> {
  const { queues, tickets, ledger, refunder } = deps;
  const counts: RefundCounts = { done: 0, total: 0, failed: 0 };
  const covered = new Set<string>();

  for (const doc of await ledger.ofEvent(eventId)) {
    if (doc.reason !== CANCELLATION_REASON) continue;
    for (const id of doc.ticketIds) covered.add(id);
    try {
      await refunder.settle(doc);
      counts.done += doc.ticketIds.length;
    } catch (err) {
      if (!(err instanceof PermanentRefundFailure)) throw err;
      counts.failed += doc.ticketIds.length;
    }
  }

  for (;;) {
    const refundable = (await tickets.listRefundable(eventId)).filter((t) => !covered.has(t.id));
    counts.total = counts.done + counts.failed + refundable.length;
    await report(counts);
    if (refundable.length === 0) break;
    for (const [paymentId, group] of byPayment(refundable)) {
      for (const t of group) covered.add(t.id);
      try {
        await refunder.refundTickets({ eventId, paymentId, tickets: group, reason: CANCELLATION_REASON });
        counts.done += group.length;
      } catch (err) {
        if (!(err instanceof PermanentRefundFailure)) throw err;
        counts.failed += group.length;
      }
      await report(counts);
    }
  }

  // Every ticket the actor sold must be in the database before we may say "all refunded".
  const { sold } = await queues.availability(eventId);
  if ((await tickets.countByEvent(eventId)) < sold) throw new TicketsStillBeingWritten(`event ${eventId}: fewer tickets written than sold`);
  return counts;
}

function byPayment(tickets: RefundableTicket[]): Map<string, RefundableTicket[]> {
  const groups = new Map<string, RefundableTicket[]>();
  for (const t of tickets) {
    const group = groups.get(t.paymentId);
    if (group) group.push(t);
    else groups.set(t.paymentId, [t]);
  }
  return groups;
}
