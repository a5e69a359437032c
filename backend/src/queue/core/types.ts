/**
 * The vocabulary of one event's waiting queue: what the shell sends (Command), what it gets back
 * (Reply), and what it must do afterwards (Effect). Times are ms since the epoch; the core never
 * reads the clock.
 */
import type { ErrorCode } from '@queuetix/contracts/error-codes';
import type { EntryStatus } from '@queuetix/contracts/queue';

export type { EntryStatus };

/** A ticket type as the core keeps it (times in ms). */
export interface TypeConfig {
  id: string;
  name: string;
  description: string;
  price: number;
  capacity: number;
  maxPerBuyer: number;
  salesStartAt: number | null;
  salesEndAt: number | null;
  hidden: boolean;
}

/**
 * An event's configuration. `types` and `capacity` are absent in configs written before ticket
 * types (journals and snapshots of v1): those read as one type made of `price` and `totalTickets`.
 * Once applied, the state's config always has them, and `totalTickets`/`price` are derived from them.
 */
export interface EventConfig {
  /** What the event can sell in all (derived from the types when they are given). */
  totalTickets: number;
  maxPerBuyer: number;
  offerWindowSec: number;
  /** ms epoch; null = sales open from creation. */
  salesStartAt: number | null;
  price: number;
  currency: string;
  cancelled: boolean;
  types?: TypeConfig[];
  /** Overall capacity shared by the types; null = the sum of their capacities. */
  capacity?: number | null;
}

/** The state's config: types always present. */
export type ResolvedConfig = EventConfig & { types: TypeConfig[]; capacity: number | null };

/** What an entry asks for, or is offered, of one type. */
export interface OrderItem {
  typeId: string;
  quantity: number;
}

export interface OfferedItem extends OrderItem {
  unitPrice: number;
  discountPerTicket: number;
}

/** An access or discount code as the core keeps it (times in ms); `code` is upper-cased. */
export interface CodeConfig {
  id: string;
  code: string;
  kind: 'access' | 'discount';
  typeIds: string[];
  percentOff?: number;
  amountOff?: number;
  maxUses: number | null;
  validFrom: number | null;
  validUntil: number | null;
}

export interface CodeView extends CodeConfig {
  used: number;
  held: number;
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
  /** `quantity` alone (journals of v1, today's clients) means that many of the first visible type. */
  /**
   * `turnEmail`: the buyer asked to be emailed when their offer comes (true) or not (false); absent
   * in journals from before it was recorded, when only the mail outbox knows (QueueEntry.turnEmail).
   */
  | { type: 'join'; entryId: string; userId: string; quantity?: number; items?: OrderItem[]; accessCode?: string; discountCode?: string; turnEmail?: boolean }
  /** A waiting entry changes what it asks for, keeping its place. */
  | { type: 'changeItems'; userId: string; items: OrderItem[] }
  /** Applies a discount code to the user's live entry that has none (at checkout). */
  | { type: 'applyDiscount'; userId: string; code: string }
  /** Creates or edits a code (by id); uses counted so far stay. */
  | { type: 'putCode'; code: CodeConfig }
  | { type: 'deleteCode'; codeId: string }
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
  /** Absent on tickets issued by journals of v1 (they are of the legacy type). */
  typeId?: string;
  typeName?: string;
  /** The discount code (its id and text), when one took something off this ticket. */
  discountCodeId?: string;
  discountCode?: string;
  /** What the discount took off this ticket. */
  discount?: number;
  /** The access code the order was bought through (a hidden type). */
  accessCodeId?: string;
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
  /** `turnEmail` as the entry has it (absent when unknown: QueueEntry.turnEmail). */
  | { type: 'offerMade'; entryId: string; offerId: string; quantity: number; expiresAt: number; turnEmail?: boolean }
  | { type: 'offerEnded'; entryId: string; offerId: string; reason: OfferEndReason }
  | { type: 'ticketsIssued'; paymentId: string; entryId: string; userId: string; tickets: IssuedTicket[] }
  | { type: 'refundPayment'; paymentId: string; entryId: string; reason: RefundReason }
  | { type: 'eventCancelled' }
  /** Types sold out (sold, not merely held): waiting entries that asked for them were told (entryChanged). */
  | { type: 'typesSoldOut'; typeIds: string[] }
  | { type: 'drawCommitted'; commitment: string; committedAt: number };

/** One buyer's place in the queue, as the shell shows it (times in ms; the HTTP layer makes them ISO). */
export interface EntryView {
  id: string;
  eventId: string;
  userId: string;
  quantity: number;
  items: OrderItem[];
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
  offeredItems?: OfferedItem[];
  /** The offer's total, discount applied. */
  amount?: number;
  discountCode?: string;
  /** Waiting: types asked for that are sold out or whose sale ended. */
  unavailableTypeIds?: string[];
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
  /** Visible types only (hidden ones are for code holders and the owner). */
  types: TypeAvailability[];
}

export interface TypeAvailability {
  typeId: string;
  total: number;
  sold: number;
  held: number;
  free: number;
  soldOut: boolean;
  onSale: boolean;
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
  | { type: 'changeItems'; entry: EntryView }
  | { type: 'applyDiscount'; entry: EntryView }
  | { type: 'putCode'; code: CodeView }
  | { type: 'deleteCode'; codeId: string }
  | { type: 'leave'; entry: EntryView }
  | { type: 'openSales'; lottery: LotteryRecord; availability: Availability }
  | { type: 'expire'; expired: number }
  | { type: 'purchase'; payment: PaymentOutcome; duplicate: boolean; entry?: EntryView }
  | { type: 'cancel'; alreadyCancelled: boolean };

export type ReplyOf<T extends CommandType> = Extract<Reply, { type: T }>;

export type CoreErrorCode = Extract<ErrorCode, 'not_found' | 'conflict' | 'sold_out' | 'offer_expired' | 'invalid_request' | 'forbidden' | 'code_invalid'>;

export interface CoreError {
  code: CoreErrorCode;
  message: string;
}

/** `unchanged`: the command was answered and left the state exactly as it was, so the shell need not journal it. */
export type Result<R extends Reply = Reply> = { ok: true; reply: R; effects: Effect[]; unchanged?: true } | { ok: false; error: CoreError };
