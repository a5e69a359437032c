import { QueueEntry } from '../entry.js';
import { enqueue } from '../line.js';
import { fill } from '../offers.js';
import { reject } from '../rejection.js';
import { requireText } from '../checks.js';
import { holdCode, requireFits, usableCode } from '../codes.js';
import type { Command, ReplyOf } from '../types.js';
import { availability, viewOf } from '../views.js';
import { requireCreated, type CommandContext } from './context.js';
import { asksHidden, checkItems } from './items.js';

/**
 * A buyer joins the line (or, before the on-sale, the lottery). One live entry per buyer: joining
 * again answers with that entry and changes nothing. A sold-out event still takes joins, since
 * capacity can grow; the reply carries availability so the UI can say the event is sold out.
 * Codes are checked here and a use of each held by the entry (docs/domain.md, Codes).
 */
export function join(ctx: CommandContext, cmd: Extract<Command, { type: 'join' }>): ReplyOf<'join'> {
  const { state, now, log } = ctx;
  requireCreated(state);
  const entryId = requireText(cmd.entryId, 'entryId');
  const userId = requireText(cmd.userId, 'userId');
  const current = state.latestByUser.get(userId);
  if (current?.isLive) {
    // Asking again, now to be emailed: the entry keeps its place and gains the ask. Anything else
    // (or an ask already recorded) changes nothing, and the shell does not journal it.
    if (cmd.turnEmail === true && current.turnEmail !== true) current.turnEmail = true;
    else log.unchanged = true;
    return { type: 'join', existing: true, entry: viewOf(state, current), availability: availability(state) };
  }
  if (state.config.cancelled) reject('conflict', 'the event is cancelled');
  const access = cmd.accessCode === undefined ? undefined : usableCode(state, cmd.accessCode, 'access', now);
  const items = checkItems(state, userId, cmd, access, now);
  const discount = cmd.discountCode === undefined ? undefined : usableCode(state, cmd.discountCode, 'discount', now);
  if (discount) requireFits(discount, items);
  if (state.byId.has(entryId)) reject('conflict', `entry id ${entryId} is already taken`);

  const entry = new QueueEntry(state.entries.length, entryId, userId, items, now);
  if (access && asksHidden(state, items)) entry.accessCodeId = access.id;
  if (discount) entry.discountCodeId = discount.id;
  if (typeof cmd.turnEmail === 'boolean') entry.turnEmail = cmd.turnEmail;
  holdCode(state, entry.accessCodeId, 1);
  holdCode(state, entry.discountCodeId, 1);
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
