import { offerIdOf, type QueueEntry } from './entry.js';
import { positionOf } from './line.js';
import { outcomeTexts } from './outcomes.js';
import { typeFree, typeOnSale, typeSoldOut, typeUnavailable } from './capacity.js';
import { amountOf } from './codes.js';
import { offeredItemsOf } from './offers.js';
import { freeTickets, typeHeldOf, typeSoldOf, type QueueState } from './state.js';
import type { Availability, CodeView, DrawFacts, EntryView, TypeAvailability } from './types.js';

/**
 * The entry as its buyer sees it. Views do not depend on the clock (an offer stays live until an
 * 'expire' command ends it); `now` is accepted so callers may pass it uniformly.
 */
export function entryView(state: QueueState, entryId: string, now?: number): EntryView | undefined {
  void now;
  const entry = state.byId.get(entryId);
  return entry && viewOf(state, entry);
}

/** The user's live entry, else their latest one. */
export function entryOfUser(state: QueueState, userId: string): EntryView | undefined {
  const entry = state.latestByUser.get(userId);
  return entry && viewOf(state, entry);
}

export function viewOf(state: QueueState, entry: QueueEntry): EntryView {
  const view: EntryView = {
    id: entry.id,
    eventId: state.eventId,
    userId: entry.userId,
    quantity: entry.quantity,
    items: entry.items.map((item) => ({ ...item })),
    status: entry.status,
    joinedAt: entry.joinedAt,
  };
  const position = positionOf(state, entry);
  if (position !== undefined) {
    view.position = position;
    view.ahead = position - 1;
  } else if (entry.status === 'waiting' && isEarlyArrival(state, entry)) {
    view.inLottery = true;
  }
  if (entry.offeredQuantity > 0) {
    view.offerId = offerIdOf(entry.id);
    view.offeredQuantity = entry.offeredQuantity;
    if (entry.status === 'offered') view.offerExpiresAt = entry.offerExpiresAt;
    const offered = offeredItemsOf(state, entry);
    view.offeredItems = offered.map((item) => ({ ...item }));
    view.amount = amountOf(offered);
  }
  const discount = entry.discountCodeId === undefined ? undefined : state.codes.get(entry.discountCodeId);
  if (discount) view.discountCode = discount.code;
  if (entry.outcome) view.outcome = outcomeTexts[entry.outcome];
  if (entry.status === 'waiting') {
    const unavailable = unavailableTypes(state, entry, lastTime(state));
    if (unavailable.length > 0) view.unavailableTypeIds = unavailable;
    if (isSoldOut(state) || unavailable.length === entry.items.length) view.soldOut = true;
  }
  return view;
}

/** The types a waiting entry asks for that can no longer come (sold out, sale ended, removed). */
export function unavailableTypes(state: QueueState, entry: QueueEntry, now: number): string[] {
  return entry.items.filter((item) => typeUnavailable(state, item.typeId, now)).map((item) => item.typeId);
}

/**
 * Views take no clock; a sale window that ended is judged at the time of the last command. The
 * 'expire' timer and every command move it on.
 */
function lastTime(state: QueueState): number {
  return state.lastNow;
}

/** Per visible type, in the event's order. */
export function typeAvailability(state: QueueState, now = state.lastNow): TypeAvailability[] {
  return state.config.types
    .filter((type) => !type.hidden)
    .map((type) => ({
      typeId: type.id,
      total: type.capacity,
      sold: typeSoldOf(state, type.id),
      held: typeHeldOf(state, type.id),
      free: typeFree(state, type),
      soldOut: typeSoldOut(state, type),
      onSale: typeOnSale(state, type, now),
    }));
}

/** The event's codes, in the order they were made, with their uses. */
export function codesOf(state: QueueState): CodeView[] {
  return [...state.codes.values()].map((code) => ({ ...code, typeIds: code.typeIds.slice() }));
}

/** Every ticket is sold: held ones do not count, since an offer that ends frees its tickets. */
function isSoldOut(state: QueueState): boolean {
  return state.sold >= state.config.totalTickets;
}

/** Awaiting the lottery and joined before the on-sale time (later joins queue behind the draw). */
export function isEarlyArrival(state: QueueState, entry: QueueEntry): boolean {
  const startAt = state.config.salesStartAt;
  return entry.slot < 0 && !state.opened && (startAt === null || entry.joinedAt < startAt);
}

export function availability(state: QueueState, now?: number): Availability {
  void now;
  const { totalTickets: total, cancelled } = state.config;
  return {
    total,
    sold: state.sold,
    held: state.held,
    free: Math.max(0, freeTickets(state)),
    waiting: state.waiting,
    soldOut: isSoldOut(state),
    salesOpen: state.opened && !cancelled,
    types: typeAvailability(state),
  };
}

/**
 * The earliest deadline among live offers, or a ticket type's sale window opening or closing after
 * the last command: the shell arms one timer for it and sends 'expire', which offers on.
 */
export function nextDeadline(state: QueueState): number | null {
  let next = state.offers.peek()?.offerExpiresAt ?? null;
  if (state.opened && !state.config.cancelled) {
    for (const type of state.config.types) {
      for (const at of [type.salesStartAt, type.salesEndAt]) {
        if (at !== null && at > state.lastNow && (next === null || at < next)) next = at;
      }
    }
  }
  return next;
}

/** The on-sale time has come and the early-arrival lottery is not drawn yet: send 'openSales'. */
export function needsOpening(state: QueueState, now: number): boolean {
  if (!state.created || state.opened || state.config.cancelled) return false;
  const startAt = state.config.salesStartAt;
  return startAt === null || startAt <= now;
}

/**
 * When the early-arrival lottery is due (a past time when it is overdue), or null when nothing
 * awaits opening; with nextDeadline, the shell's one timer.
 */
export function pendingOpeningAt(state: QueueState): number | null {
  if (!state.created || state.opened || state.config.cancelled) return null;
  return state.config.salesStartAt ?? 0;
}

/** The event awaits its draw but has no committed seed yet: the shell sends one (commitDraw). */
export function needsCommitment(state: QueueState): boolean {
  return state.created && !state.opened && !state.config.cancelled && state.commitment === null;
}

/** The published commitment of the event's draw (SHA-256 of its seed), or null when it has none. */
export function drawCommitmentOf(state: QueueState): string | null {
  return state.commitment?.commitment ?? state.lottery?.commitment ?? null;
}

/** The 'create' command has been applied. */
export function isCreated(state: QueueState): boolean {
  return state.created;
}

/** The draw as it may be published now: before the draw, the commitment only (the seed stays secret). */
export function drawFacts(state: QueueState, userId?: string): DrawFacts {
  const committed = state.commitment ?? (state.lottery?.commitment ? state.lottery : null);
  const facts: DrawFacts = {
    salesStartAt: state.config.salesStartAt,
    commitment: committed?.commitment ?? null,
    committedAt: committed?.committedAt ?? null,
    lottery: state.lottery && { ...state.lottery, participants: state.lottery.participants.slice() },
  };
  const entry = userId === undefined ? undefined : state.latestByUser.get(userId);
  if (entry) facts.userEntryId = entry.id;
  return facts;
}
