import type { SaleLine, SalesReport, SellerBuyer } from '@queuetix/contracts/seller';
import type { TicketDoc } from '../tickets/ticket-doc.js';

const MINUTE = 60_000;

/**
 * An event's sales from its tickets, i.e. from amounts actually paid: gross and fee of tickets not
 * refunded, net = gross − fee. The timeline counts tickets as they were sold, cumulatively per
 * minute, so a later refund does not rewrite when the sale happened (`refunded` says how many were).
 * `cancellation` previews what cancelling now would refund.
 */
export function salesReport(tickets: TicketDoc[], names: Map<string, string>): SalesReport {
  let gross = 0;
  let fee = 0;
  let sold = 0;
  let refunded = 0;
  const paymentsToRefund = new Set<string>();
  const perMinute = new Map<number, number>();
  for (const t of tickets) {
    if (t.status === 'refunded') refunded++;
    else {
      sold++;
      gross += t.amount;
      fee += t.fee;
      paymentsToRefund.add(t.paymentId);
    }
    const minute = Math.floor(t.purchasedAt.getTime() / MINUTE) * MINUTE;
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  let cumulative = 0;
  const timeline = [...perMinute.entries()]
    .sort(([a], [b]) => a - b)
    .map(([minute, count]) => ({ at: new Date(minute).toISOString(), sold: (cumulative += count) }));
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
    }));
  // A cancellation refunds in full what was paid for every ticket not refunded yet, checked in or not.
  const cancellation = { tickets: sold, refunds: paymentsToRefund.size, amount: gross, currency: tickets[0]?.currency ?? null };
  return { gross, fee, net: gross - fee, sold, refunded, timeline, buyers, cancellation };
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
