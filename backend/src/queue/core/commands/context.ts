import type { EffectLog } from '../effect-log.js';
import type { QueueState } from '../state.js';
import { reject } from '../rejection.js';

/** What every command handler gets: the state to change, the command's time and its effect log. */
export interface CommandContext {
  state: QueueState;
  now: number;
  log: EffectLog;
}

export function requireCreated(state: QueueState): void {
  if (!state.created) reject('not_found', 'event not found: this queue has not been created');
}
