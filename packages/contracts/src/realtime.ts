import { z } from 'zod';
import { ErrorBody, Id } from './common.js';
import { Availability } from './events.js';

/** Client → server. */
export const WatchMessage = z.object({ eventId: Id });
export type WatchMessage = z.infer<typeof WatchMessage>;

/**
 * The optional acknowledgement of `watch`/`unwatch` (`socket.emit('watch', { eventId }, reply => …)`):
 * `{ ok: true }`, or the HTTP error body. invalid_request: nothing subscribed. not_found or
 * unavailable (the current state could not be read): subscribed anyway; pushes come with its next change.
 */
export const WatchReply = z.union([z.object({ ok: z.literal(true) }), ErrorBody]);
export type WatchReply = z.infer<typeof WatchReply>;

/** Server → client: always full state, never deltas (Socket.IO delivers at most once). */
export const AvailabilityMessage = Availability.extend({ eventId: z.string() });
export type AvailabilityMessage = z.infer<typeof AvailabilityMessage>;

export const RefundsMessage = z.object({ eventId: z.string(), done: z.number().int(), total: z.number().int() });
export type RefundsMessage = z.infer<typeof RefundsMessage>;
