import { checkPatch } from '../checks.js';
import { fill } from '../offers.js';
import { reject } from '../rejection.js';
import type { Command, ConfigPatch, ReplyOf } from '../types.js';
import { availability, drawCommitmentOf } from '../views.js';
import { checkDrawSeed, commitIfNeeded } from './commit-draw.js';
import { requireCreated, type CommandContext } from './context.js';

/**
 * An owner's edit. Capacity may grow, and shrink only down to sold + held. Other fields apply to
 * what happens next (new joins, new offers); the on-sale time is frozen once sales opened.
 * A patch that changes nothing always succeeds, so an edit form may send every field.
 */
export function configure(ctx: CommandContext, cmd: Extract<Command, { type: 'configure' }>): ReplyOf<'configure'> {
  const { state, now, log } = ctx;
  requireCreated(state);
  const changes = changedFields(state.config, checkPatch(cmd.patch));
  const drawSeed = checkDrawSeed(cmd.drawSeed);
  if (Object.keys(changes).length > 0) {
    if (state.config.cancelled) reject('conflict', 'the event is cancelled and can no longer be changed');
    if ('salesStartAt' in changes && state.opened) {
      reject('conflict', 'sales have opened: the on-sale time can no longer change');
    }
    const minimum = state.sold + state.held;
    if (changes.totalTickets !== undefined && changes.totalTickets < minimum) {
      reject('conflict', `totalTickets can shrink only down to ${minimum} (tickets sold plus tickets held by live offers)`);
    }
    Object.assign(state.config, changes);
    fill(state, now, log);
  }
  // An on-sale time given to an event without one gets its commitment now; moving it keeps it.
  commitIfNeeded(ctx, drawSeed);
  return { type: 'configure', config: { ...state.config }, availability: availability(state), drawCommitment: drawCommitmentOf(state) };
}

function changedFields(config: ConfigPatch, patch: ConfigPatch): ConfigPatch {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (config[key as keyof ConfigPatch] !== value) changes[key] = value;
  }
  return changes;
}
