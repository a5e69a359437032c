/**
 * Sockets a broadcast writes to before it lets the event loop run again. Writing one message to a
 * socket costs ≈ 15–20 µs here (engine.io, ws, one writev), so 500 are ≈ 10 ms of the loop.
 */
export const BROADCAST_SLICE = 500;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sends to `targets` a slice at a time, yielding to I/O between slices. One emit to every open page
 * of a rushed event (10,000 sockets) held the event loop for 100–200 ms at once, every second:
 * each join, payment step and a buyer's own push that became ready meanwhile waited behind it
 * (event-loop delay measured in the backend during a 50,000-buyer `npm run bench -- onsale`: p99
 * 91 ms with one emit, 34 ms in slices). The
 * targets are taken when the broadcast starts; a socket gone by its slice is simply not found.
 */
export async function inSlices(targets: readonly string[], send: (slice: string[]) => void, size = BROADCAST_SLICE): Promise<void> {
  for (let start = 0; start < targets.length; start += size) {
    if (start > 0) await nextTurn();
    send(targets.slice(start, start + size));
  }
}
