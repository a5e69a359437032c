/**
 * The vocabulary of one event's waiting queue: what the shell sends (Command), what it gets back
 * (Reply), and what it must do afterwards (Effect). Times are ms since the epoch; the core never
 * reads the clock.
 */
import type { ErrorCode } from '@queuetix/contracts/error-codes';
import type { EntryStatus } from '@queuetix/contracts/queue';

export type { EntryStatus };

export interface EventConfig {
  totalTickets: number;
  maxPerBuyer: number;
  offerWindowSec: number;
  /** ms epoch; null = sales open from creation. */
  salesStartAt: number | null;
  price: number;
  currency: string;
  cancelled: boolean;
}

export type ConfigPatch = Partial<Omit<EventConfig, 'cancelled'>>;

export interface PurchaseCommand {
  type: 'purchase';
  paymentId: string;
  entryId: string;
  offerId: string;
  amountPaid: number;
  currency: string;
  /** Ids and codes for the tickets to issue; at least the offer's quantity, the first ones are used. */
  ticketIds: string[];
  ticketCodes: string[];
}

export type Command =
  /** drawSeed: a fresh secret seed from the shell, committed to when the event has an on-sale time. */
  | { type: 'create'; eventId: string; config: EventConfig; drawSeed?: string }
  | { type: 'configure'; patch: ConfigPatch; drawSeed?: string }
  /** Commits to a seed for an event that has an on-sale time but no commitment (events from before commitments). */
  | { type: 'commitDraw'; seed: string }
  | { type: 'join'; entryId: string; userId: string; quantity: number }
  | { type: 'leave'; userId: string }
  /** seed: only for an event without a commitment (journals from before commitments); else the committed seed is used. */
  | { type: 'openSales'; seed?: string }
  | { type: 'expire' }
  | PurchaseCommand
  | { type: 'cancel' };

export type CommandType = Command['type'];

export interface IssuedTicket {
  id: string;
  code: string;
  /** This ticket's share of the amount paid (the shares add up to it exactly). */
  amount: number;
  currency: string;
}

export type OfferEndReason = 'expired' | 'left' | 'purchased' | 'cancelled';

/**
 * Why a verified payment is refunded instead of issuing tickets:
 * - event_cancelled: the event was cancelled before the payment arrived;
 * - tickets_gone: the offer had ended and its tickets were taken by then;
 * - over_limit: the offer had ended and the buyer now holds another place, so honouring it would
 *   exceed maxPerBuyer;
 * - already_paid: the offer was already paid by another payment;
 * - no_offer: the entry or offer the payment names does not exist.
 */
export type RefundReason = 'event_cancelled' | 'tickets_gone' | 'over_limit' | 'already_paid' | 'no_offer';

export type Effect =
  | { type: 'entryChanged'; entryId: string }
  | { type: 'availabilityChanged' }
  | { type: 'offerMade'; entryId: string; offerId: string; quantity: number; expiresAt: number }
  | { type: 'offerEnded'; entryId: string; offerId: string; reason: OfferEndReason }
  | { type: 'ticketsIssued'; paymentId: string; entryId: string; userId: string; tickets: IssuedTicket[] }
  | { type: 'refundPayment'; paymentId: string; entryId: string; reason: RefundReason }
  | { type: 'eventCancelled' }
  | { type: 'drawCommitted'; commitment: string; committedAt: number };

/** One buyer's place in the queue, as the shell shows it (times in ms; the HTTP layer makes them ISO). */
export interface EntryView {
  id: string;
  eventId: string;
  userId: string;
  quantity: number;
  status: EntryStatus;
  /** 1-based among waiting entries in the line; absent before the lottery places the entry. */
  position?: number;
  ahead?: number;
  /** Joined before sales opened; the lottery will place it. */
  inLottery?: boolean;
  /** Present once the entry has had an offer. */
  offerId?: string;
  offeredQuantity?: number;
  /** Present while the offer is live. */
  offerExpiresAt?: number;
  /** Why the entry ended, in words a buyer understands. */
  outcome?: string;
  /** Waiting while every ticket is sold (not merely held by offers): only more tickets released can reach this buyer. */
  soldOut?: boolean;
  joinedAt: number;
}

export interface Availability {
  total: number;
  sold: number;
  held: number;
  free: number;
  waiting: number;
  /** Every ticket is sold (none free, none held by an offer that could come back). */
  soldOut: boolean;
  salesOpen: boolean;
}

/** The secret seed of the coming draw and its published commitment (SHA-256 of the seed). */
export interface DrawCommitment {
  seed: string;
  commitment: string;
  committedAt: number;
}

/**
 * The audit record of the early-arrival lottery. Without `scheme` it was drawn before commitments
 * (lotteryOrder(seed, participants), a server-chosen seed); with scheme 'queuetix-draw-v1' the seed
 * was committed at `committedAt` and the order is committedDraw(seed, participants) (draw.ts).
 */
export interface LotteryRecord {
  seed: string;
  drawnAt: number;
  /** Entry ids of the early arrivals, in join order (the input of the draw). */
  participants: string[];
  scheme?: 'queuetix-draw-v1';
  commitment?: string;
  committedAt?: number;
}

/** What may be published of an event's draw now: the seed only once drawn (times in ms). */
export interface DrawFacts {
  salesStartAt: number | null;
  commitment: string | null;
  committedAt: number | null;
  lottery: LotteryRecord | null;
  /** The asking user's latest entry id, from which their own pseudonym is derived. */
  userEntryId?: string;
}

export interface PaymentOutcome {
  paymentId: string;
  entryId: string;
  outcome: 'issued' | 'refunded';
  /** Tickets issued, or the tickets the refunded payment was for. */
  quantity: number;
  amountPaid: number;
  currency: string;
  reason?: RefundReason;
  /** The buyer-facing explanation of a refund. */
  message?: string;
}

export type Reply =
  | { type: 'create'; availability: Availability; drawCommitment: string | null }
  | { type: 'configure'; config: EventConfig; availability: Availability; drawCommitment: string | null }
  | { type: 'commitDraw'; drawCommitment: string }
  | { type: 'join'; existing: boolean; entry: EntryView; availability: Availability }
  | { type: 'leave'; entry: EntryView }
  | { type: 'openSales'; lottery: LotteryRecord; availability: Availability }
  | { type: 'expire'; expired: number }
  | { type: 'purchase'; payment: PaymentOutcome; duplicate: boolean; entry?: EntryView }
  | { type: 'cancel'; alreadyCancelled: boolean };

export type ReplyOf<T extends CommandType> = Extract<Reply, { type: T }>;

export type CoreErrorCode = Extract<ErrorCode, 'not_found' | 'conflict' | 'sold_out' | 'offer_expired' | 'invalid_request' | 'forbidden'>;

export interface CoreError {
  code: CoreErrorCode;
  message: string;
}

export type Result<R extends Reply = Reply> = { ok: true; reply: R; effects: Effect[] } | { ok: false; error: CoreError };
