import type { SalesReport } from '@queuetix/contracts/seller';
import type { TicketDoc } from '../tickets/ticket-doc.js';

const MINUTE = 60_000;

/** The figures every seller view shows (docs/domain.md, Sellers), computed from an event's tickets only. */
export type SalesFigures = Pick<SalesReport, 'sold' | 'refunded' | 'gross' | 'fee' | 'net' | 'timeline'>;

/**
 * sold = tickets issued and not refunded (valid + used); refunded = tickets refunded; gross = amount
 * paid for the sold ones; fee = platform fee on those; net = gross − fee. The timeline is `sold`
 * over time, per minute: a ticket counts from its purchase and stops counting at its refund, so the
 * last point always equals `sold` and the line never shows more than was sold at that moment.
 */
export function salesFigures(tickets: TicketDoc[]): SalesFigures {
  let sold = 0;
  let refunded = 0;
  let gross = 0;
  let fee = 0;
  const change = new Map<number, number>();
  const add = (at: Date, delta: number) => {
    const minute = Math.floor(at.getTime() / MINUTE) * MINUTE;
    change.set(minute, (change.get(minute) ?? 0) + delta);
  };
  for (const t of tickets) {
    add(t.purchasedAt, 1);
    if (t.status === 'refunded') {
      refunded++;
      // A refund stored without its time cancels the sale where it happened rather than never.
      add(t.refundedAt ?? t.purchasedAt, -1);
    } else {
      sold++;
      gross += t.amount;
      fee += t.fee;
    }
  }
  let running = 0;
  const timeline = [...change.entries()].sort(([a], [b]) => a - b).map(([minute, delta]) => ({ at: new Date(minute).toISOString(), sold: (running += delta) }));
  return { sold, refunded, gross, fee, net: gross - fee, timeline };
}
