import { z } from 'zod';
import type { EntryStatus, RefundReason } from './types.js';

/**
 * Version 1 of the persisted queue: plain JSON, a column per field so 100,000 entries cost a few
 * MB and encode/decode in tens of ms. Join times are delta-encoded (small numbers instead of
 * 13-digit ones); offers and outcomes, which few entries have, are sparse flat lists.
 * Code tables below are append-only: their indexes are stored.
 */
export const statusCodes: readonly EntryStatus[] = ['waiting', 'offered', 'purchased', 'expired', 'left'];
/** Index + 1 is stored; 0 = the payment issued tickets. */
export const refundReasonCodes: readonly RefundReason[] = ['event_cancelled', 'tickets_gone', 'over_limit', 'already_paid', 'no_offer'];

export interface SnapshotV1 {
  v: 1;
  created: boolean;
  eventId: string;
  config: {
    totalTickets: number;
    maxPerBuyer: number;
    offerWindowSec: number;
    salesStartAt: number | null;
    price: number;
    currency: string;
    cancelled: boolean;
  };
  opened: boolean;
  /** The lottery record, participants given by entry seq (index in the entry columns); no scheme = drawn before commitments. */
  lottery: { seed: string; drawnAt: number; participants: number[]; scheme?: 'queuetix-draw-v1'; commitment?: string; committedAt?: number } | null;
  /** The committed seed of the coming draw (absent in snapshots from before commitments). */
  commitment?: { seed: string; commitment: string; committedAt: number } | null;
  entries: {
    id: string[];
    user: string[];
    quantity: number[];
    /** Index into statusCodes. */
    status: number[];
    /** joinedAt minus the previous entry's joinedAt (the first: minus 0). */
    joinedAtDelta: number[];
    /** Line slot, -1 when never placed in the line. */
    slot: number[];
  };
  /** [seq, offeredQuantity, offerExpiresAt] for each entry that had an offer. */
  offers: number[];
  /** [seq, index into outcomeCodes] for each entry with an outcome. */
  outcomes: number[];
  payments: {
    id: string[];
    entryId: string[];
    quantity: number[];
    amountPaid: number[];
    currency: string[];
    /** Index into refundReasonCodes + 1; 0 = the payment issued tickets. */
    refundReason: number[];
  };
}

// zod checks the small parts; the big columns are checked by plain loops, which are many times
// faster on 100,000-element arrays.
const strings = z.custom<string[]>((v) => isColumn(v, (x) => typeof x === 'string'), 'must be an array of strings');
const ints = z.custom<number[]>((v) => isColumn(v, Number.isSafeInteger), 'must be an array of integers');

const SnapshotSchema = z.object({
  v: z.literal(1),
  created: z.boolean(),
  eventId: z.string(),
  config: z.object({
    totalTickets: z.number().int(),
    maxPerBuyer: z.number().int(),
    offerWindowSec: z.number().int(),
    salesStartAt: z.number().nullable(),
    price: z.number().int(),
    currency: z.string(),
    cancelled: z.boolean(),
  }),
  opened: z.boolean(),
  lottery: z
    .object({
      seed: z.string(),
      drawnAt: z.number(),
      participants: ints,
      scheme: z.literal('queuetix-draw-v1').optional(),
      commitment: z.string().optional(),
      committedAt: z.number().optional(),
    })
    .nullable(),
  commitment: z.object({ seed: z.string(), commitment: z.string(), committedAt: z.number() }).nullable().optional(),
  entries: z.object({ id: strings, user: strings, quantity: ints, status: ints, joinedAtDelta: ints, slot: ints }),
  offers: ints,
  outcomes: ints,
  payments: z.object({ id: strings, entryId: strings, quantity: ints, amountPaid: ints, currency: strings, refundReason: ints }),
});

export function parseSnapshot(data: unknown): SnapshotV1 {
  const parsed = SnapshotSchema.safeParse(data);
  if (!parsed.success) throw new Error(`invalid queue snapshot: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function isColumn(value: unknown, isItem: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!isItem(value[i])) return false;
  return true;
}
