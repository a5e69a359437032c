import type { Ticket } from '@queuetix/contracts';

/** "Ticket 1 of 2" for a ticket bought with others; undefined for a ticket bought alone. */
export function orderLabel(ticket: Pick<Ticket, 'order'>): string | undefined {
  const { order } = ticket;
  return order && order.size > 1 ? `Ticket ${order.index} of ${order.size}` : undefined;
}
