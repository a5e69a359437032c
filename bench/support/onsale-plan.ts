/** The on-sale's shape, shared by the bench and its child processes. */

/** Tickets each buyer asks for: half want 1, a quarter 2, then 3 and 4 (mean 1.85), the same every run. */
export function quantityOf(index: number): number {
  const r = ((index * 2_654_435_761) >>> 0) % 100;
  return r < 50 ? 1 : r < 75 ? 2 : r < 90 ? 3 : 4;
}

/** Buyers holding a socket: spread evenly along the line, so some are offered and most wait. */
export function socketBuyers(buyers: number, sockets: number): number[] {
  const step = buyers / sockets;
  return Array.from({ length: sockets }, (_, k) => Math.floor(k * step));
}

/** One JSON message per line between the bench and its child processes. */
export type ChildMessage =
  | { t: 'ready'; connected: number; failed: number }
  | { t: 'offer'; i: number; entry: { id: string; offerId: string; offeredQuantity: number; offerExpiresAt: string } }
  | { t: 'waiting'; i: number }
  | { t: 'done'; [key: string]: unknown };
