/**
 * The invariants of an on-sale, read back from the database after the run (the server stopped):
 * the queue rebuilt from snapshot + journal exactly as recovery does, the stored tickets, and what
 * the buyers were told. A fault run passes when `violations()` is empty.
 */
import type { Db } from 'mongodb';
import { pino } from 'pino';
import { demoPaymentId } from '../../backend/src/payments/demo-gateway.js';
import { auditQueue, loadQueueState } from '../../backend/src/queue/audit.js';
import { issuedPayments } from '../../backend/src/queue/core/issued.js';
import { auditOfferLifetimes, type OfferLifetimes } from './offer-lifetimes.js';
import type { PaymentRecord } from './payer.js';
import type { JoinAck } from './sale.js';

export interface SaleAudit {
  entries: number;
  acknowledged: number;
  /** Acknowledged joins whose entry is not in the rebuilt queue (or belongs to someone else). */
  acknowledgedMissing: number;
  /** Pairs where a join acknowledged before another was even sent ended up behind it. */
  orderViolations: number;
  skipped: number;
  inversions: number;
  total: number;
  sold: number;
  ticketsStored: number;
  ticketsWithoutPayment: number;
  /** Issued payments with fewer stored tickets than they paid for. */
  paymentsShort: number;
  /** Payments with more tickets than they paid for, or entries paid twice. */
  paymentsDoubled: number;
  /** Buyers holding more tickets than they asked for (or than maxPerBuyer). */
  overQuantity: number;
  paidSeenByBuyers: number;
  /** Payments a buyer was told succeeded whose tickets are not all stored under that payment. */
  paidLost: number;
  /** Payments whose outcome the buyer never learned, even after the run settled. */
  unsettled: number;
  offers: OfferLifetimes;
}

export async function auditSale(db: Db, eventId: string, acks: Iterable<JoinAck>, payments: Iterable<PaymentRecord>): Promise<SaleAudit> {
  const state = await loadQueueState(db, eventId, pino({ level: 'silent' }));
  const queue = auditQueue(state);
  const tickets = await db.collection<{ _id: string; paymentId: string; userId: string }>('tickets').find({ eventId }).toArray();

  let acknowledged = 0;
  let acknowledgedMissing = 0;
  const placed: Array<{ firstSentAt: number; ackAt: number; seq: number }> = [];
  for (const ack of acks) {
    acknowledged += 1;
    const entry = state.byId.get(ack.entryId);
    if (!entry || entry.userId !== ack.userId) acknowledgedMissing += 1;
    else placed.push({ firstSentAt: ack.firstSentAt, ackAt: ack.ackAt, seq: entry.seq });
  }

  const issued = issuedPayments(state);
  const issuedById = new Map(issued.map((p) => [p.paymentId, p]));
  const perPayment = new Map<string, number>();
  const perUser = new Map<string, number>();
  let ticketsWithoutPayment = 0;
  for (const t of tickets) {
    if (!issuedById.has(t.paymentId)) ticketsWithoutPayment += 1;
    perPayment.set(t.paymentId, (perPayment.get(t.paymentId) ?? 0) + 1);
    perUser.set(t.userId, (perUser.get(t.userId) ?? 0) + 1);
  }
  let paymentsShort = 0;
  let paymentsDoubled = 0;
  const paidEntries = new Map<string, number>();
  for (const p of issued) {
    const stored = perPayment.get(p.paymentId) ?? 0;
    if (stored < p.quantity) paymentsShort += 1;
    if (stored > p.quantity) paymentsDoubled += 1;
    paidEntries.set(p.entryId, (paidEntries.get(p.entryId) ?? 0) + 1);
  }
  for (const n of paidEntries.values()) if (n > 1) paymentsDoubled += 1;

  const askedByUser = new Map<string, number>();
  for (const entry of state.entries) askedByUser.set(entry.userId, Math.max(askedByUser.get(entry.userId) ?? 0, entry.quantity));
  let overQuantity = 0;
  for (const [userId, held] of perUser) if (held > (askedByUser.get(userId) ?? 0) || held > state.config.maxPerBuyer) overQuantity += 1;

  let paidSeenByBuyers = 0;
  let paidLost = 0;
  let unsettled = 0;
  const ticketIds = new Map(tickets.map((t) => [t._id, t.paymentId]));
  for (const p of payments) {
    if (p.state === 'unsettled' || p.state === 'paying') unsettled += 1;
    if (p.state !== 'paid' || !p.sessionId) continue;
    paidSeenByBuyers += 1;
    const paymentId = demoPaymentId(p.sessionId);
    if (p.tickets.length === 0 || p.tickets.some((id) => ticketIds.get(id) !== paymentId)) paidLost += 1;
  }

  return {
    entries: state.entries.length,
    acknowledged,
    acknowledgedMissing,
    orderViolations: countOrderViolations(placed),
    skipped: queue.skipped,
    inversions: queue.inversions,
    total: state.config.totalTickets,
    sold: state.sold,
    ticketsStored: tickets.length,
    ticketsWithoutPayment,
    paymentsShort,
    paymentsDoubled,
    overQuantity,
    paidSeenByBuyers,
    paidLost,
    unsettled,
    offers: await auditOfferLifetimes(db, eventId),
  };
}

/** Joins B whose entry is ahead of some join A that was acknowledged before B was first sent. */
function countOrderViolations(placed: Array<{ firstSentAt: number; ackAt: number; seq: number }>): number {
  const byAck = [...placed].sort((a, b) => a.ackAt - b.ackAt);
  const bySent = [...placed].sort((a, b) => a.firstSentAt - b.firstSentAt);
  let violations = 0;
  let i = 0;
  let maxSeqAcked = -1;
  for (const join of bySent) {
    while (i < byAck.length && byAck[i]!.ackAt < join.firstSentAt) maxSeqAcked = Math.max(maxSeqAcked, byAck[i++]!.seq);
    if (maxSeqAcked > join.seq) violations += 1;
  }
  return violations;
}

/** Every broken rule, in words; empty when the sale kept every promise. */
export function violations(a: SaleAudit): string[] {
  const out: string[] = [];
  const rule = (broken: number | boolean, text: string) => broken && out.push(`${text} (${Number(broken)})`);
  rule(a.acknowledgedMissing, 'acknowledged joins missing after recovery');
  rule(a.orderViolations, 'acknowledged joins out of order');
  rule(a.skipped, 'buyers skipped in the line');
  rule(a.inversions, 'offers out of queue order');
  rule(a.sold > a.total, 'more tickets sold than exist');
  rule(a.sold !== a.ticketsStored && Math.abs(a.sold - a.ticketsStored), 'stored tickets differ from tickets sold');
  rule(a.ticketsWithoutPayment, 'tickets without a payment');
  rule(a.paymentsShort, 'payments without all their tickets');
  rule(a.paymentsDoubled, 'payments or offers paid twice');
  rule(a.overQuantity, 'buyers holding more than they asked for');
  rule(a.paidLost, 'payments buyers saw succeed that are not stored');
  rule(a.unsettled, 'payments whose outcome was never learned');
  rule(a.offers.purchasesPastDeadline, 'payments taken on an offer past its deadline');
  rule(a.offers.maxOverrunMs > 1_000 && a.offers.maxOverrunMs, 'an offer stayed live over 1 s past its deadline (ms)');
  return out;
}
