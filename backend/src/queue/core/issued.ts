import type { QueueState } from './state.js';

/** A payment that issued tickets, with what a ticket store needs to check it holds them all. */
export interface IssuedPayment {
  paymentId: string;
  entryId: string;
  userId: string;
  quantity: number;
  amountPaid: number;
  currency: string;
}

/**
 * Every payment of the event that issued tickets (refunded payments issued none). After a crash
 * between journaling a purchase and writing its tickets, the tickets module compares this with
 * what it stored and writes what is missing.
 */
export function issuedPayments(state: QueueState): IssuedPayment[] {
  const out: IssuedPayment[] = [];
  for (const record of state.payments.values()) {
    if (record.outcome !== 'issued') continue;
    const entry = state.byId.get(record.entryId);
    if (!entry) continue;
    out.push({
      paymentId: record.paymentId,
      entryId: record.entryId,
      userId: entry.userId,
      quantity: record.quantity,
      amountPaid: record.amountPaid,
      currency: record.currency,
    });
  }
  return out;
}
