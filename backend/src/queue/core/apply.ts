import { cancel } from './commands/cancel.js';
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
    if (before.changedIn(state)) log.push({ type: 'availabilityChanged' });
    return { ok: true, reply: reply as ReplyOf<C['type']>, effects: log.effects };
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

/** The availability numbers watchers see, taken before a command to tell whether it moved them. */
class AvailabilityMark {
  private readonly total: number;
  private readonly sold: number;
  private readonly held: number;
  private readonly waiting: number;
  private readonly salesOpen: boolean;

  constructor(state: QueueState) {
    this.total = state.config.totalTickets;
    this.sold = state.sold;
    this.held = state.held;
    this.waiting = state.waiting;
    this.salesOpen = state.opened && !state.config.cancelled;
  }

  changedIn(state: QueueState): boolean {
    return (
      this.total !== state.config.totalTickets ||
      this.sold !== state.sold ||
      this.held !== state.held ||
      this.waiting !== state.waiting ||
      this.salesOpen !== (state.opened && !state.config.cancelled)
    );
  }
}
