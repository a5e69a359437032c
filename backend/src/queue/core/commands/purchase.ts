import { requireInt, requireText } from '../checks.js';
import { offerIdOf, type QueueEntry } from '../entry.js';
import { sellItems, typeFree, typeOf } from '../capacity.js';
import { holdCode, useCode, usesLeft } from '../codes.js';
import { ticketDetails } from '../issued.js';
import { endOffer, fill, offeredItemsOf } from '../offers.js';
import { refundMessages, refundOutcomes } from '../outcomes.js';
import { reject } from '../rejection.js';
import { freeTickets, type PaymentRecord, type QueueState } from '../state.js';
import type { IssuedTicket, PaymentOutcome, PurchaseCommand, RefundReason, ReplyOf } from '../types.js';
import { viewOf } from '../views.js';
import { requireCreated, type CommandContext } from './context.js';

type Decision = { issue: true; entry: QueueEntry; late: boolean } | { issue: false; reason: RefundReason };

/**
 * A verified payment. It issues tickets for a live offer, or for an ended one whose tickets are
 * still free; otherwise it is refunded and the buyer told why. Never a payment without a ticket
 * or a refund, never more sold than totalTickets. The same payment id again answers the first
 * outcome and does nothing.
 */
export function purchase(ctx: CommandContext, cmd: PurchaseCommand): ReplyOf<'purchase'> {
  const { state, now, log } = ctx;
  requireCreated(state);
  const paymentId = requireText(cmd.paymentId, 'paymentId');
  const entryId = requireText(cmd.entryId, 'entryId');
  const amountPaid = requireInt(cmd.amountPaid, 'amountPaid', 0);
  const currency = requireText(cmd.currency, 'currency');
  const recorded = state.payments.get(paymentId);
  if (recorded) {
    if (recorded.entryId !== entryId) reject('conflict', `payment ${paymentId} was recorded for another entry`);
    return replyFor(state, recorded, true);
  }
  const decision = decide(state, state.byId.get(entryId), cmd.offerId);
  if (decision.issue) requireTicketIds(cmd, decision.entry.offeredQuantity);

  let record: PaymentRecord;
  if (decision.issue) {
    const { entry, late } = decision;
    const quantity = entry.offeredQuantity;
    const items = offeredItemsOf(state, entry);
    entry.status = 'purchased';
    if (late) {
      // Its code uses were given back when the offer ended; decide() checked they are still there.
      entry.outcome = 'late_payment_honoured';
      log.entryChanged(entry);
    } else {
      endOffer(state, entry, 'purchased', log);
      holdCode(state, entry.accessCodeId, -1);
      holdCode(state, entry.discountCodeId, -1);
    }
    useCode(state, entry.accessCodeId);
    useCode(state, entry.discountCodeId);
    sellItems(state, entry.userId, items);
    state.purchasedByUser.set(entry.userId, (state.purchasedByUser.get(entry.userId) ?? 0) + quantity);
    const tickets = ticketsFor(state, cmd, entry, amountPaid, currency);
    log.push({ type: 'ticketsIssued', paymentId, entryId, userId: entry.userId, tickets });
    record = { paymentId, entryId, outcome: 'issued', quantity, amountPaid, currency };
  } else {
    const entry = state.byId.get(entryId);
    const outcome = refundOutcomes[decision.reason];
    if (entry && outcome) {
      entry.outcome = outcome;
      log.entryChanged(entry);
    }
    log.push({ type: 'refundPayment', paymentId, entryId, reason: decision.reason });
    const quantity = entry?.offeredQuantity ?? 0;
    record = { paymentId, entryId, outcome: 'refunded', quantity, amountPaid, currency, reason: decision.reason };
  }
  state.payments.set(paymentId, record);
  fill(state, now, log);
  return replyFor(state, record, false);
}

function decide(state: QueueState, entry: QueueEntry | undefined, offerId: unknown): Decision {
  if (!entry || entry.offeredQuantity === 0 || offerId !== offerIdOf(entry.id)) return { issue: false, reason: 'no_offer' };
  if (entry.status === 'purchased') return { issue: false, reason: 'already_paid' };
  if (state.config.cancelled) return { issue: false, reason: 'event_cancelled' };
  if (entry.status === 'offered') return { issue: true, entry, late: false };
  // The offer ended (expired or given back): honour the payment only if its tickets are still free
  // and the buyer stays within maxPerBuyer counting any place they have taken since.
  const quantity = entry.offeredQuantity;
  if (freeTickets(state) < quantity) return { issue: false, reason: 'tickets_gone' };
  for (const item of offeredItemsOf(state, entry)) {
    const type = typeOf(state, item.typeId);
    if (!type || typeFree(state, type) < item.quantity) return { issue: false, reason: 'tickets_gone' };
  }
  for (const codeId of [entry.accessCodeId, entry.discountCodeId]) {
    const code = codeId === undefined ? undefined : state.codes.get(codeId);
    if (code && usesLeft(code) <= 0) return { issue: false, reason: 'tickets_gone' };
  }
  const current = state.latestByUser.get(entry.userId);
  const liveElsewhere = current?.isLive ? current.liveTickets : 0;
  const purchased = state.purchasedByUser.get(entry.userId) ?? 0;
  if (purchased + liveElsewhere + quantity > state.config.maxPerBuyer) return { issue: false, reason: 'over_limit' };
  return { issue: true, entry, late: true };
}

function requireTicketIds(cmd: PurchaseCommand, quantity: number): void {
  const { ticketIds, ticketCodes } = cmd;
  if (!Array.isArray(ticketIds) || !Array.isArray(ticketCodes) || ticketIds.length < quantity || ticketCodes.length < quantity) {
    reject('invalid_request', `a purchase of ${quantity} tickets needs at least ${quantity} ticket ids and codes`);
  }
  for (let i = 0; i < quantity; i++) {
    requireText(ticketIds[i], 'ticketIds[]');
    requireText(ticketCodes[i], 'ticketCodes[]');
  }
}

/** The tickets to issue: the command's ids and codes, with what each records (ticketDetails). */
function ticketsFor(state: QueueState, cmd: PurchaseCommand, entry: QueueEntry, amountPaid: number, currency: string): IssuedTicket[] {
  return ticketDetails(state, entry, amountPaid).map((details, i) => ({ id: cmd.ticketIds[i]!, code: cmd.ticketCodes[i]!, ...details, currency }));
}

function replyFor(state: QueueState, record: PaymentRecord, duplicate: boolean): ReplyOf<'purchase'> {
  const payment: PaymentOutcome = { ...record };
  if (record.reason) payment.message = refundMessages[record.reason];
  const entry = state.byId.get(record.entryId);
  return entry ? { type: 'purchase', payment, duplicate, entry: viewOf(state, entry) } : { type: 'purchase', payment, duplicate };
}
