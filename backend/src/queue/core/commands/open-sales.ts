import { requireText } from '../checks.js';
import { enqueue } from '../line.js';
import { committedDraw, DRAW_SCHEME } from '../draw.js';
import type { QueueEntry } from '../entry.js';
import { shuffled } from '../lottery.js';
import { fill } from '../offers.js';
import { reject } from '../rejection.js';
import type { QueueState } from '../state.js';
import type { Command, LotteryRecord, ReplyOf } from '../types.js';
import { availability, needsOpening } from '../views.js';
import { requireCreated, type CommandContext } from './context.js';

/**
 * The on-sale: early arrivals are placed at the front of the line in the lottery's order, then
 * anyone who joined after the on-sale time but before this command, in join order. The seed and
 * participants are kept so the draw can be audited: with the committed seed the order is
 * committedDraw(seed, participants) (draw.ts); events without a commitment (journals from before
 * commitments) drew from the command's seed with lotteryOrder().
 */
export function openSales(ctx: CommandContext, cmd: Extract<Command, { type: 'openSales' }>): ReplyOf<'openSales'> {
  const { state, now, log } = ctx;
  requireCreated(state);
  if (state.config.cancelled) reject('conflict', 'the event is cancelled');
  if (state.opened) reject('conflict', 'sales are already open');
  if (!needsOpening(state, now)) {
    reject('conflict', `sales open at ${new Date(state.config.salesStartAt!).toISOString()}, not yet`);
  }
  const legacySeed = state.commitment ? undefined : requireText(cmd.seed, 'seed');

  const startAt = state.config.salesStartAt;
  const stillWaiting = state.pending.filter((entry) => entry.status === 'waiting');
  const early = stillWaiting.filter((entry) => startAt === null || entry.joinedAt < startAt);
  const late = stillWaiting.filter((entry) => startAt !== null && entry.joinedAt >= startAt);
  const { drawn, record } = draw(state, early, now, legacySeed);
  for (const entry of [...drawn, ...late]) {
    enqueue(state, entry);
    log.entryChanged(entry);
  }
  state.pending = [];
  state.opened = true;
  state.lottery = record;
  fill(state, now, log);
  const lottery = { ...state.lottery, participants: state.lottery.participants.slice() };
  return { type: 'openSales', lottery, availability: availability(state) };
}

/** The early arrivals in drawn order, and the record that reveals how. */
function draw(state: QueueState, early: QueueEntry[], now: number, legacySeed: string | undefined) {
  const participants = early.map((entry) => entry.id);
  const committed = state.commitment;
  if (!committed) {
    const record: LotteryRecord = { seed: legacySeed!, drawnAt: now, participants };
    return { drawn: shuffled(legacySeed!, early), record };
  }
  const { permutation } = committedDraw(committed.seed, participants);
  const record: LotteryRecord = {
    seed: committed.seed,
    drawnAt: now,
    participants,
    scheme: DRAW_SCHEME,
    commitment: committed.commitment,
    committedAt: committed.committedAt,
  };
  return { drawn: permutation.map((i) => early[i]!), record };
}
