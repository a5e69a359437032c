import { typeOf } from './capacity.js';
import { amountOf } from './codes.js';
import type { QueueEntry } from './entry.js';
import type { QueueState } from './state.js';
import type { IssuedTicket } from './types.js';

export type TicketDetails = Omit<IssuedTicket, 'id' | 'code' | 'currency'>;

/**
 * What each ticket of a paid offer records: its type and what was paid for it, its price less its
 * discount when the payment is exactly the offer's amount; otherwise (offers from before types)
 * the amount paid split evenly, the first tickets taking the odd cents, so the parts always add
 * up to it. The purchase issues tickets with these; recovery rewrites lost ones the same way.
 */
export function ticketDetails(state: QueueState, entry: QueueEntry, amountPaid: number): TicketDetails[] {
  const quantity = entry.offeredQuantity;
  const lines = entry.offered ?? [];
  const exact = entry.offered !== undefined && amountOf(lines) === amountPaid;
  const share = Math.floor(amountPaid / quantity);
  const remainder = amountPaid - share * quantity;
  const code = entry.discountCodeId === undefined ? undefined : state.codes.get(entry.discountCodeId);
  const out: TicketDetails[] = [];
  let line = 0;
  let inLine = 0;
  for (let i = 0; i < quantity; i++) {
    const item = lines[line];
    const ticket: TicketDetails = { amount: exact && item ? item.unitPrice - item.discountPerTicket : share + (i < remainder ? 1 : 0) };
    if (item) {
      ticket.typeId = item.typeId;
      ticket.typeName = typeOf(state, item.typeId)?.name ?? item.typeId;
      if (code && item.discountPerTicket > 0) {
        ticket.discountCodeId = code.id;
        ticket.discountCode = code.code;
        ticket.discount = item.discountPerTicket;
      }
      if (entry.accessCodeId !== undefined) ticket.accessCodeId = entry.accessCodeId;
      if (++inLine >= item.quantity) {
        line++;
        inLine = 0;
      }
    }
    out.push(ticket);
  }
  return out;
}

/** A payment that issued tickets, with what a ticket store needs to check it holds them all. */
export interface IssuedPayment {
  paymentId: string;
  entryId: string;
  userId: string;
  quantity: number;
  amountPaid: number;
  currency: string;
  /** Each ticket's type and amount, as the purchase issued them. */
  tickets: TicketDetails[];
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
      tickets: ticketDetails(state, entry, record.amountPaid),
    });
  }
  return out;
}
