import { expireDue, fill } from '../offers.js';
import type { ReplyOf } from '../types.js';
import { requireCreated, type CommandContext } from './context.js';

/**
 * Ends the offers whose deadline is at or before now and offers their tickets on; also what a
 * ticket type's sale window opening makes offerable (nextDeadline arms the timer for it).
 */
export function expire(ctx: CommandContext): ReplyOf<'expire'> {
  const { state, now, log } = ctx;
  requireCreated(state);
  const expired = expireDue(state, now, log);
  fill(state, now, log);
  return { type: 'expire', expired };
}
