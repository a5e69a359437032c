import { checkConfig, requireText } from '../checks.js';
import { reject } from '../rejection.js';
import { withDerivedFields } from '../ticket-types.js';
import type { Command, ReplyOf } from '../types.js';
import { availability, drawCommitmentOf } from '../views.js';
import { checkDrawSeed, commitIfNeeded } from './commit-draw.js';
import type { CommandContext } from './context.js';
import { requireCapacity } from './configure.js';

/**
 * The first command of an actor. Sales open at once unless the on-sale time is still ahead. A
 * config without types (journals of v1) becomes one type made of price and totalTickets.
 */
export function create(ctx: CommandContext, cmd: Extract<Command, { type: 'create' }>): ReplyOf<'create'> {
  const { state, now } = ctx;
  if (state.created) reject('conflict', `event ${state.eventId} already exists`);
  const eventId = requireText(cmd.eventId, 'eventId');
  const config = withDerivedFields(checkConfig(cmd.config));
  requireCapacity(config);
  const drawSeed = checkDrawSeed(cmd.drawSeed);

  state.created = true;
  state.eventId = eventId;
  state.config = config;
  state.opened = config.salesStartAt === null || config.salesStartAt <= now;
  commitIfNeeded(ctx, drawSeed);
  return { type: 'create', availability: availability(state), drawCommitment: drawCommitmentOf(state) };
}
