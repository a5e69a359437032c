import { requireText } from '../checks.js';
import { enqueue } from '../line.js';
import { shuffled } from '../lottery.js';
import { fill } from '../offers.js';
import { reject } from '../rejection.js';
import type { Command, ReplyOf } from '../types.js';
import { availability, needsOpening } from '../views.js';
import { requireCreated, type CommandContext } from './context.js';

/**
 * The on-sale: early arrivals are placed at the front of the line in the lottery's order, then
 * anyone who joined after the on-sale time but before this command, in join order. The seed and
 * participants are kept so the draw can be audited with lotteryOrder().
 */
export function openSales(ctx: CommandContext, cmd: Extract<Command, { type: 'openSales' }>): ReplyOf<'openSales'> {
  const { state, now, log } = ctx;
  requireCreated(state);
  if (state.config.cancelled) reject('conflict', 'the event is cancelled');
  if (state.opened) reject('conflict', 'sales are already open');
  if (!needsOpening(state, now)) {
    reject('conflict', `sales open at ${new Date(state.config.salesStartAt!).toISOString()}, not yet`);
  }
  const seed = requireText(cmd.seed, 'seed');

  const startAt = state.config.salesStartAt;
  const stillWaiting = state.pending.filter((entry) => entry.status === 'waiting');
  const early = stillWaiting.filter((entry) => startAt === null || entry.joinedAt < startAt);
  const late = stillWaiting.filter((entry) => startAt !== null && entry.joinedAt >= startAt);
  for (const entry of [...shuffled(seed, early), ...late]) {
    enqueue(state, entry);
    log.entryChanged(entry);
  }
  state.pending = [];
  state.opened = true;
  state.lottery = { seed, drawnAt: now, participants: early.map((entry) => entry.id) };
  fill(state, now, log);
  const lottery = { ...state.lottery, participants: state.lottery.participants.slice() };
  return { type: 'openSales', lottery, availability: availability(state) };
}
