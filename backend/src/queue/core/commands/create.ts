import { checkConfig, requireText } from '../checks.js';
import { reject } from '../rejection.js';
import type { Command, ReplyOf } from '../types.js';
import { availability } from '../views.js';
import type { CommandContext } from './context.js';

/** The first command of an actor. Sales open at once unless the on-sale time is still ahead. */
export function create({ state, now }: CommandContext, cmd: Extract<Command, { type: 'create' }>): ReplyOf<'create'> {
  if (state.created) reject('conflict', `event ${state.eventId} already exists`);
  const eventId = requireText(cmd.eventId, 'eventId');
  const config = checkConfig(cmd.config);

  state.created = true;
  state.eventId = eventId;
  state.config = config;
  state.opened = config.salesStartAt === null || config.salesStartAt <= now;
  return { type: 'create', availability: availability(state) };
}
