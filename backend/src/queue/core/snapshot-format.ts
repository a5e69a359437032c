import { z } from 'zod';
import type { CodeConfig, EntryStatus, OfferedItem, RefundReason, TypeConfig } from './types.js';

/**
 * Version 1 of the persisted queue: plain JSON, a column per field so 100,000 entries cost a few
 * MB and encode/decode in tens of ms. Join times are delta-encoded (small numbers instead of
 * 13-digit ones); offers and outcomes, which few entries have, are sparse flat lists.
 * Code tables below are append-only: their indexes are stored.
 */
export const statusCodes: readonly EntryStatus[] = ['waiting', 'offered', 'purchased', 'expired', 'left'];
/** Index + 1 is stored; 0 = the payment issued tickets. */
export const refundReasonCodes: readonly RefundReason[] = ['event_cancelled', 'tickets_gone', 'over_limit', 'already_paid', 'no_offer'];

/**
 * Version 2 adds ticket types and codes: the config's `types` and `capacity`, each entry's items
 * (`typeId*quantity|…`), the offers' lines with their prices, the codes and which entries hold
 * them. A v1 snapshot reads as an event of one type (docs/domain.md, Ticket types).
 */
export interface SnapshotV2 extends Omit<SnapshotV1, 'v' | 'config' | 'entries'> {
  v: 2;
  config: SnapshotV1['config'] & { types: TypeConfig[]; capacity: number | null };
  entries: SnapshotV1['entries'] & { items: string[] };
  /** [seq, lines] for each entry that had an offer. */
  offerLines: [number, OfferedItem[]][];
  codes: CodeConfig[];
  /** [seq, access code id or null, discount code id or null] for each entry holding a code. */
  entryCodes: [number, string | null, string | null][];
  lastNow: number;
  /**
   * Which entries asked for a "your turn" email (QueueEntry.turnEmail): `asked` lists their seqs;
   * `unknown` holds [from, to) seq ranges of entries from before joins recorded it. Absent in
   * snapshots from before then: every entry unknown.
   */
  turnEmail?: { asked: number[]; unknown: number[] };
}

export type Snapshot = SnapshotV1 | SnapshotV2;

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

const SnapshotV1Schema = z.object({
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

const TypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number().int(),
  capacity: z.number().int(),
  maxPerBuyer: z.number().int(),
  salesStartAt: z.number().nullable(),
  salesEndAt: z.number().nullable(),
  hidden: z.boolean(),
});
const LineSchema = z.object({ typeId: z.string(), quantity: z.number().int(), unitPrice: z.number().int(), discountPerTicket: z.number().int() });
const CodeSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(['access', 'discount']),
  typeIds: z.array(z.string()),
  percentOff: z.number().int().optional(),
  amountOff: z.number().int().optional(),
  maxUses: z.number().int().nullable(),
  validFrom: z.number().nullable(),
  validUntil: z.number().nullable(),
});

const SnapshotV2Schema = SnapshotV1Schema.extend({
  v: z.literal(2),
  config: SnapshotV1Schema.shape.config.extend({ types: z.array(TypeSchema).min(1), capacity: z.number().int().nullable() }),
  entries: SnapshotV1Schema.shape.entries.extend({ items: strings }),
  offerLines: z.array(z.tuple([z.number().int(), z.array(LineSchema)])),
  codes: z.array(CodeSchema),
  entryCodes: z.array(z.tuple([z.number().int(), z.string().nullable(), z.string().nullable()])),
  lastNow: z.number().int(),
  turnEmail: z.object({ asked: ints, unknown: ints }).optional(),
});

const SnapshotSchema = z.discriminatedUnion('v', [SnapshotV1Schema, SnapshotV2Schema]);

export function parseSnapshot(data: unknown): Snapshot {
  const parsed = SnapshotSchema.safeParse(data);
  if (!parsed.success) throw new Error(`invalid queue snapshot: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** `typeId*quantity|…`: type ids never hold `*` or `|` (contracts: TicketTypeId). */
export function encodeItems(items: readonly { typeId: string; quantity: number }[]): string {
  return items.map((item) => `${item.typeId}*${item.quantity}`).join('|');
}

export function decodeItems(text: string): { typeId: string; quantity: number }[] {
  return text.split('|').map((part) => {
    const star = part.lastIndexOf('*');
    const quantity = Number(part.slice(star + 1));
    if (star <= 0 || !Number.isSafeInteger(quantity) || quantity <= 0) throw new Error(`invalid queue snapshot: bad items ${text}`);
    return { typeId: part.slice(0, star), quantity };
  });
}

function isColumn(value: unknown, isItem: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!isItem(value[i])) return false;
  return true;
}
