import { fill } from '../offers.js';
import { reject } from '../rejection.js';
import { requireText } from '../checks.js';
import type { Command, ReplyOf } from '../types.js';
import { viewOf } from '../views.js';
import { requireCreated, type CommandContext } from './context.js';
import { asksHidden, checkItems } from './items.js';

/**
 * A waiting buyer changes what they ask for (e.g. a type sold out) and keeps their place in line.
 * Hidden types stay reachable only through the access code the entry joined with.
 */
export function changeItems(ctx: CommandContext, cmd: Extract<Command, { type: 'changeItems' }>): ReplyOf<'changeItems'> {
  const { state, now, log } = ctx;
  requireCreated(state);
  const userId = requireText(cmd.userId, 'userId');
  const entry = state.latestByUser.get(userId);
  if (!entry?.isLive) reject('not_found', 'you are not in this queue');
  if (entry.status !== 'waiting') reject('conflict', 'only a waiting place can change what it asks for');
  const access = entry.accessCodeId === undefined ? undefined : state.codes.get(entry.accessCodeId);
  const items = checkItems(state, userId, { items: cmd.items }, access, now);
  if (entry.accessCodeId !== undefined && !asksHidden(state, items)) {
    // The access code's use is given back once nothing hidden is asked for any more.
    access!.held--;
    entry.accessCodeId = undefined;
  }
  entry.items = items;
  log.entryChanged(entry);
  fill(state, now, log);
  return { type: 'changeItems', entry: viewOf(state, entry) };
}
