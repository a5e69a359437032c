import type { SaleLine, SalesReport, SellerBuyer } from '@queuetix/contracts/seller';
import type { TicketDoc } from '../tickets/ticket-doc.js';
import { LEGACY_TYPE_ID, LEGACY_TYPE_NAME } from '../queue/core/ticket-types.js';
import { salesFigures } from './sales-figures.js';

/**
 * An event's sales page: the figures every seller view shares (salesFigures), the buyer list, and
 * `cancellation`, a preview of what cancelling now would refund.
 */
export function salesReport(tickets: TicketDoc[], names: Map<string, string>): SalesReport {
  const figures = salesFigures(tickets);
  const paymentsToRefund = new Set(tickets.filter((t) => t.status !== 'refunded').map((t) => t.paymentId));
  const buyers: SaleLine[] = [...tickets]
    .sort((a, b) => b.purchasedAt.getTime() - a.purchasedAt.getTime() || a._id.localeCompare(b._id))
    .map((t) => ({
      ticketId: t._id,
      buyerId: t.userId,
      ...(names.has(t.userId) ? { buyerName: names.get(t.userId)! } : {}),
      status: t.status,
      amount: t.amount,
      currency: t.currency,
      purchasedAt: t.purchasedAt.toISOString(),
      typeId: t.typeId ?? LEGACY_TYPE_ID,
      typeName: t.typeName ?? LEGACY_TYPE_NAME,
      ...(t.discountCode ? { discountCode: t.discountCode } : {}),
    }));
  // A cancellation refunds in full what was paid for every ticket not refunded yet, checked in or not.
  const cancellation = { tickets: figures.sold, refunds: paymentsToRefund.size, amount: figures.gross, currency: tickets[0]?.currency ?? null };
  return { ...figures, buyers, cancellation };
}

/** Each buyer's name as their latest ticket that kept one has it (a buyer renamed between orders shows the newer name). */
export function namesOnTickets(tickets: TicketDoc[]): Map<string, string> {
  const names = new Map<string, { name: string; at: number }>();
  for (const t of tickets) {
    if (t.buyerName === undefined) continue;
    const at = t.purchasedAt.getTime();
    const known = names.get(t.userId);
    if (!known || at >= known.at) names.set(t.userId, { name: t.buyerName, at });
  }
  return new Map([...names].map(([id, { name }]) => [id, name]));
}

/** One line per buyer: what they bought, paid and got back, latest purchase first. */
export function buyerLines(tickets: TicketDoc[], names: Map<string, string>): SellerBuyer[] {
  const byBuyer = new Map<string, TicketDoc[]>();
  for (const t of tickets) {
    const own = byBuyer.get(t.userId);
    if (own) own.push(t);
    else byBuyer.set(t.userId, [t]);
  }
  const lines = [...byBuyer.entries()].map(([buyerId, own]): SellerBuyer => {
    const counts = { valid: 0, used: 0, refunded: 0 };
    let amount = 0;
    let refunded = 0;
    for (const t of own) {
      counts[t.status]++;
      if (t.status === 'refunded') refunded += t.amount;
      else amount += t.amount;
    }
    const times = own.map((t) => t.purchasedAt.getTime());
    const statuses = (Object.keys(counts) as (keyof typeof counts)[]).filter((s) => counts[s] > 0);
    return {
      buyerId,
      buyerName: names.get(buyerId) ?? buyerId,
      quantity: own.length,
      amount,
      refunded,
      currency: own[0]!.currency,
      tickets: counts,
      status: statuses.length === 1 ? statuses[0]! : 'mixed',
      firstPurchasedAt: new Date(Math.min(...times)).toISOString(),
      lastPurchasedAt: new Date(Math.max(...times)).toISOString(),
    };
  });
  return lines.sort((a, b) => b.lastPurchasedAt.localeCompare(a.lastPurchasedAt) || a.buyerId.localeCompare(b.buyerId));
}
