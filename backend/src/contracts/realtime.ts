import { z } from 'zod';
import { Id } from './common.js';
import { Availability } from './events.js';

/** Client → server. */
export const WatchMessage = z.object({ eventId: Id });

/** Server → client: always full state, never deltas (Socket.IO delivers at most once). */
export const AvailabilityMessage = Availability.extend({ eventId: z.string() });
export type AvailabilityMessage = z.infer<typeof AvailabilityMessage>;

export const RefundsMessage = z.object({ eventId: z.string(), done: z.number().int(), total: z.number().int() });
export type RefundsMessage = z.infer<typeof RefundsMessage>;

export const socketEvents = {
  watch: 'watch',
  unwatch: 'unwatch',
  availability: 'availability',
  entry: 'entry',
  ticket: 'ticket',
  refunds: 'refunds',
} as const;
