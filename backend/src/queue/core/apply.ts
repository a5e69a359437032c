import { typeUnavailable } from './capacity.js';
import { applyDiscount } from './commands/apply-discount.js';
import { cancel } from './commands/cancel.js';
import { changeItems } from './commands/change-items.js';
import { deleteCode, putCode } from './commands/codes.js';
import { commitDraw } from './commands/commit-draw.js';
import { configure } from './commands/configure.js';
import type { CommandContext } from './commands/context.js';
import { create } from './commands/create.js';
import { expire } from './commands/expire.js';
import { join } from './commands/join.js';
import { leave } from './commands/leave.js';
import { openSales } from './commands/open-sales.js';
import { purchase } from './commands/purchase.js';
import { EffectLog } from './effect-log.js';
import { reject, Rejection } from './rejection.js';
import type { QueueState } from './state.js';
import type { Command, Reply, ReplyOf, Result } from './types.js';

/**
 * The one transition of an event's queue: applies `cmd` at time `now`. On success the state is
 * changed in place and the effects say what the shell must do; a rejected command answers
 * { ok: false } and leaves the state exactly as it was. Same state, commands and times give the
 * same results, which is what lets the journal rebuild a state by replay.
 *
 * Anything thrown other than a rejection is a bug that may have left the state half-changed: the
 * shell should rebuild the actor from its snapshot and journal.
 */
export function apply<C extends Command>(state: QueueState, cmd: C, now: number): Result<ReplyOf<C['type']>> {
  const before = new AvailabilityMark(state);
  const log = new EffectLog();
  try {
    if (!Number.isSafeInteger(now)) reject('invalid_request', 'now must be a whole number of ms since the epoch');
    const reply = dispatch({ state, now, log }, cmd);
    state.lastNow = now;
    announceSoldOut(state, before.soldOut, log);
    if (before.changedIn(state)) log.push({ type: 'availabilityChanged' });
    return { ok: true, reply: reply as ReplyOf<C['type']>, effects: log.effects, ...(log.unchanged ? { unchanged: true as const } : {}) };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, error: error.error };
    throw error;
  }
}

function dispatch(ctx: CommandContext, cmd: Command): Reply {
  switch (cmd?.type) {
    case 'create':
      return create(ctx, cmd);
    case 'configure':
      return configure(ctx, cmd);
    case 'commitDraw':
      return commitDraw(ctx, cmd);
    case 'join':
      return join(ctx, cmd);
    case 'leave':
      return leave(ctx, cmd);
    case 'changeItems':
      return changeItems(ctx, cmd);
    case 'applyDiscount':
      return applyDiscount(ctx, cmd);
    case 'putCode':
      return putCode(ctx, cmd);
    case 'deleteCode':
      return deleteCode(ctx, cmd);
    case 'openSales':
      return openSales(ctx, cmd);
    case 'expire':
      return expire(ctx);
    case 'purchase':
      return purchase(ctx, cmd);
    case 'cancel':
      return cancel(ctx);
    default:
      return reject('invalid_request', `unknown command ${String((cmd as { type?: unknown })?.type)}`);
  }
}

/**
 * A type that sold out (sold, not merely held) or whose sale ended is told at once to the waiting entries that asked
 * for it: they may change their request, keeping their place, or leave (docs/domain.md).
 */
function announceSoldOut(state: QueueState, before: ReadonlySet<string>, log: EffectLog): void {
  const fresh = [...soldOutTypes(state)].filter((id) => !before.has(id));
  if (fresh.length === 0) return;
  log.push({ type: 'typesSoldOut', typeIds: fresh });
  for (let slot = state.headSlot; slot < state.line.length; slot++) {
    const entry = state.line[slot]!;
    if (entry.status === 'waiting' && entry.items.some((item) => fresh.includes(item.typeId))) log.entryChanged(entry);
  }
  for (const entry of state.pending) {
    if (entry.status === 'waiting' && entry.items.some((item) => fresh.includes(item.typeId))) log.entryChanged(entry);
  }
}

function soldOutTypes(state: QueueState): Set<string> {
  const out = new Set<string>();
  if (!state.created) return out;
  // Sold out, or its sale window closed (judged at the last command's time): it cannot come back.
  for (const type of state.config.types) if (typeUnavailable(state, type.id, state.lastNow)) out.add(type.id);
  return out;
}

/** The availability numbers watchers see, taken before a command to tell whether it moved them. */
class AvailabilityMark {
  readonly soldOut: ReadonlySet<string>;
  private readonly types: string;
  private readonly total: number;
  private readonly sold: number;
  private readonly held: number;
  private readonly waiting: number;
  private readonly salesOpen: boolean;

  constructor(state: QueueState) {
    this.soldOut = soldOutTypes(state);
    this.types = typesKey(state);
    this.total = state.config.totalTickets;
    this.sold = state.sold;
    this.held = state.held;
    this.waiting = state.waiting;
    this.salesOpen = state.opened && !state.config.cancelled;
  }

  changedIn(state: QueueState): boolean {
    return (
      this.types !== typesKey(state) ||
      this.total !== state.config.totalTickets ||
      this.sold !== state.sold ||
      this.held !== state.held ||
      this.waiting !== state.waiting ||
      this.salesOpen !== (state.opened && !state.config.cancelled)
    );
  }
}

/** What of the types watchers see: their capacities, visibility and per-type sold and held. */
function typesKey(state: QueueState): string {
  let key = '';
  for (const type of state.config.types) {
    key += `${type.id}:${type.capacity}:${type.hidden ? 1 : 0}:${state.typeSold.get(type.id) ?? 0}:${state.typeHeld.get(type.id) ?? 0};`;
  }
  return key;
}
