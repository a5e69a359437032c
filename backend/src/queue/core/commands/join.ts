import { QueueEntry } from '../entry.js';
import { enqueue } from '../line.js';
import { fill } from '../offers.js';
import { reject } from '../rejection.js';
import { requireInt, requireText } from '../checks.js';
import type { Command, ReplyOf } from '../types.js';
import { availability, viewOf } from '../views.js';
import { requireCreated, type CommandContext } from './context.js';

/**
 * A buyer joins the line (or, before the on-sale, the lottery). One live entry per buyer: joining
 * again answers with that entry and changes nothing. A sold-out event still takes joins, since
 * capacity can grow; the reply carries availability so the UI can say the event is sold out.
 */
export function join(ctx: CommandContext, cmd: Extract<Command, { type: 'join' }>): ReplyOf<'join'> {
  const { state, now, log } = ctx;
  requireCreated(state);
  const entryId = requireText(cmd.entryId, 'entryId');
  const userId = requireText(cmd.userId, 'userId');
  const current = state.latestByUser.get(userId);
  if (current?.isLive) {
    return { type: 'join', existing: true, entry: viewOf(state, current), availability: availability(state) };
  }
  const { maxPerBuyer, cancelled } = state.config;
  if (cancelled) reject('conflict', 'the event is cancelled');
  const quantity = requireInt(cmd.quantity, 'quantity', 1, maxPerBuyer);
  const purchased = state.purchasedByUser.get(userId) ?? 0;
  if (purchased + quantity > maxPerBuyer) {
    reject('conflict', `you already hold ${purchased} tickets; one buyer may hold at most ${maxPerBuyer}`);
  }
  if (state.byId.has(entryId)) reject('conflict', `entry id ${entryId} is already taken`);

  const entry = new QueueEntry(state.entries.length, entryId, userId, quantity, now);
  state.entries.push(entry);
  state.byId.set(entryId, entry);
  state.latestByUser.set(userId, entry);
  state.waiting++;
  if (state.opened) enqueue(state, entry);
  else state.pending.push(entry);
  log.entryChanged(entry);
  fill(state, now, log);
  return { type: 'join', existing: false, entry: viewOf(state, entry), availability: availability(state) };
}
