import { Fenwick } from './fenwick.js';
import { OfferHeap } from './offer-heap.js';
import type { QueueEntry } from './entry.js';
import type { CodeView, DrawCommitment, LotteryRecord, PaymentOutcome, ResolvedConfig } from './types.js';

/** A verified payment as recorded once; a replay of the same payment id answers from here. */
export type PaymentRecord = Omit<PaymentOutcome, 'message'>;

/**
 * Everything one event's actor knows. Counters (sold, held, waiting) and the indexes below are
 * kept in step by the command handlers; the snapshot stores only the entries, the line order,
 * the lottery and the payments, and decodeSnapshot rebuilds the rest.
 */
export interface QueueState {
  created: boolean;
  eventId: string;
  config: ResolvedConfig;
  /** Sales have opened (at creation, or when the lottery was drawn). */
  opened: boolean;
  lottery: LotteryRecord | null;
  /** The committed seed of the coming draw; set once, never changed (the draw reveals it). */
  commitment: DrawCommitment | null;

  sold: number;
  /** Tickets held by live offers. */
  held: number;
  /** Entries with status waiting, in the line or awaiting the lottery. */
  waiting: number;

  /** Every entry ever, in join order (entry.seq is its index). */
  entries: QueueEntry[];
  byId: Map<string, QueueEntry>;
  /** A user's most recent entry, which is their live one if they have one. */
  latestByUser: Map<string, QueueEntry>;
  purchasedByUser: Map<string, number>;
  /** Tickets bought per user and type, keyed by userTypeKey. */
  purchasedByUserType: Map<string, number>;
  /** Per type: tickets sold, and held by live offers (the totals are `sold` and `held`). */
  typeSold: Map<string, number>;
  typeHeld: Map<string, number>;
  /** Codes by id and by their (upper-cased) text, with their uses. */
  codes: Map<string, CodeView>;
  codeByText: Map<string, CodeView>;

  /** The line: slot -> entry. Slots are handed out in queue order and never reused. */
  line: QueueEntry[];
  /** 1 per slot whose entry is still waiting; positions are prefix sums. */
  waitingInLine: Fenwick;
  /** Every slot before this one holds an entry that is no longer waiting. */
  headSlot: number;
  /** Joined before sales opened, in join order (may include entries that since left). */
  pending: QueueEntry[];

  offers: OfferHeap;
  payments: Map<string, PaymentRecord>;
  /** The time of the last command applied: views judge sale windows by it (they take no clock). */
  lastNow: number;
}

/** An empty state, before the 'create' command. */
export function createState(): QueueState {
  return {
    created: false,
    eventId: '',
    config: {
      totalTickets: 0,
      maxPerBuyer: 1,
      offerWindowSec: 600,
      salesStartAt: null,
      price: 0,
      currency: 'usd',
      cancelled: false,
      types: [],
      capacity: null,
    },
    opened: false,
    lottery: null,
    commitment: null,
    sold: 0,
    held: 0,
    waiting: 0,
    entries: [],
    byId: new Map(),
    latestByUser: new Map(),
    purchasedByUser: new Map(),
    purchasedByUserType: new Map(),
    typeSold: new Map(),
    typeHeld: new Map(),
    codes: new Map(),
    codeByText: new Map(),
    line: [],
    waitingInLine: new Fenwick(),
    headSlot: 0,
    pending: [],
    offers: new OfferHeap(),
    payments: new Map(),
    lastNow: 0,
  };
}

/** Tickets free overall: the event's total less sold and held (each type has its own limit too). */
export function freeTickets(state: QueueState): number {
  return state.config.totalTickets - state.sold - state.held;
}

export function userTypeKey(userId: string, typeId: string): string {
  return `${userId}\u0000${typeId}`;
}

export function typeSoldOf(state: QueueState, typeId: string): number {
  return state.typeSold.get(typeId) ?? 0;
}

export function typeHeldOf(state: QueueState, typeId: string): number {
  return state.typeHeld.get(typeId) ?? 0;
}

export function addTo(map: Map<string, number>, key: string, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}
