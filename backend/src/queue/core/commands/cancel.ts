import { dequeue } from '../line.js';
import { endOffer, releaseCodes } from '../offers.js';
import type { ReplyOf } from '../types.js';
import { requireCreated, type CommandContext } from './context.js';

/**
 * Cancels the event: no more joins, offers or sales. Every live offer ends and every waiting
 * entry leaves, both with the outcome "event cancelled". Refunding sold tickets is the shell's
 * resumable job, started by the eventCancelled effect.
 */
export function cancel(ctx: CommandContext): ReplyOf<'cancel'> {
  const { state, log } = ctx;
  requireCreated(state);
  if (state.config.cancelled) return { type: 'cancel', alreadyCancelled: true };

  state.config.cancelled = true;
  log.push({ type: 'eventCancelled' });
  for (const entry of state.entries) {
    if (entry.status === 'offered') {
      entry.status = 'left';
      entry.outcome = 'event_cancelled';
      endOffer(state, entry, 'cancelled', log);
    } else if (entry.status === 'waiting') {
      dequeue(state, entry);
      state.waiting--;
      releaseCodes(state, entry);
      releaseCodes(state, entry);
      entry.status = 'left';
      entry.outcome = 'event_cancelled';
      log.entryChanged(entry);
    }
  }
  state.pending = [];
  return { type: 'cancel', alreadyCancelled: false };
}
