import { dequeue } from '../line.js';
import { endOffer, releaseCodes, fill } from '../offers.js';
import { reject } from '../rejection.js';
import { requireText } from '../checks.js';
import type { Command, ReplyOf } from '../types.js';
import { viewOf } from '../views.js';
import { requireCreated, type CommandContext } from './context.js';

/** A buyer leaves the line, or gives an offer back (its tickets go to the next in line). */
export function leave(ctx: CommandContext, cmd: Extract<Command, { type: 'leave' }>): ReplyOf<'leave'> {
  const { state, now, log } = ctx;
  requireCreated(state);
  const userId = requireText(cmd.userId, 'userId');
  const entry = state.latestByUser.get(userId);
  if (!entry?.isLive) reject('not_found', 'you are not in this queue');

  if (entry.status === 'offered') {
    entry.status = 'left';
    endOffer(state, entry, 'left', log);
  } else {
    dequeue(state, entry);
    state.waiting--;
    releaseCodes(state, entry);
    entry.status = 'left';
    log.entryChanged(entry);
  }
  fill(state, now, log);
  return { type: 'leave', entry: viewOf(state, entry) };
}
