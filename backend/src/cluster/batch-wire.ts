import { z } from 'zod';
import { Id } from '@queuetix/contracts/common';
import type { Reply } from '../queue/core/index.js';

/**
 * What an edge sends the owner of an event: commands it has already admitted (the buyer's token
 * verified, limits and validation passed). Only the commands a buyer's own request makes travel
 * this way; the owner checks each one's shape again, since a peer's body is still input.
 */
const BatchedCommand = z.discriminatedUnion('type', [
  // Absent from edges of earlier versions (the owner then reads the outbox at the offer: QueueEntry.turnEmail).
  z.object({
    type: z.literal('join'),
    entryId: z.string().regex(/^e_[A-Za-z0-9_-]{8,64}$/),
    userId: Id,
    quantity: z.number().int().min(1).max(10),
    turnEmail: z.boolean().optional(),
  }),
  z.object({ type: z.literal('leave'), userId: Id }),
]);

export const BatchBody = z.object({
  items: z
    .array(z.object({ eventId: Id, cmd: BatchedCommand }))
    .min(1)
    .max(2_000),
});

/** One command's answer in the owner's reply, in the order of the request. */
export type BatchResult = { reply: Reply } | { status: number; error: { code: string; message: string; details?: unknown } };

/** Commands an edge batches (a buyer's join and leave); every other command is forwarded one by one. */
export const isBatchedCommand = (type: string): boolean => type === 'join' || type === 'leave';
