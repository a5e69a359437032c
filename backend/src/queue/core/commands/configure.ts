import { checkPatch } from '../checks.js';
import { fill } from '../offers.js';
import { reject } from '../rejection.js';
import { typeHeldOf, typeSoldOf, type QueueState } from '../state.js';
import { sumOfCapacities, withDerivedFields } from '../ticket-types.js';
import type { Command, ConfigPatch, ReplyOf, ResolvedConfig } from '../types.js';
import { availability, drawCommitmentOf } from '../views.js';
import { checkDrawSeed, commitIfNeeded } from './commit-draw.js';
import { requireCreated, type CommandContext } from './context.js';

/**
 * An owner's edit. Capacity may grow, and shrink only down to sold + held (per type and overall);
 * a type with tickets sold or held cannot be removed. Other fields apply to what happens next (new
 * joins, new offers); the on-sale time is frozen once sales opened. A patch that changes nothing
 * always succeeds, so an edit form may send every field. `totalTickets` and `price` (the one-type
 * fields) change the only type of a one-type event; on an event with more, only their current
 * values may be resent.
 */
export function configure(ctx: CommandContext, cmd: Extract<Command, { type: 'configure' }>): ReplyOf<'configure'> {
  const { state, now, log } = ctx;
  requireCreated(state);
  const patch = checkPatch(cmd.patch);
  const drawSeed = checkDrawSeed(cmd.drawSeed);
  const next = nextConfig(state.config, patch);
  if (JSON.stringify(next) !== JSON.stringify(state.config)) {
    if (state.config.cancelled) reject('conflict', 'the event is cancelled and can no longer be changed');
    if (next.salesStartAt !== state.config.salesStartAt && state.opened) {
      reject('conflict', 'sales have opened: the on-sale time can no longer change');
    }
    requireCapacity(next);
    requireRoomFor(state, next);
    state.config = next;
    fill(state, now, log);
  }
  // An on-sale time given to an event without one gets its commitment now; moving it keeps it.
  commitIfNeeded(ctx, drawSeed);
  return { type: 'configure', config: structuredClone(state.config), availability: availability(state), drawCommitment: drawCommitmentOf(state) };
}

function nextConfig(config: ResolvedConfig, patch: ConfigPatch): ResolvedConfig {
  const { totalTickets, price, types, ...rest } = patch;
  const next: ResolvedConfig = { ...config, ...rest, types: types ?? config.types };
  if (types === undefined && (totalTickets !== undefined || price !== undefined)) {
    const oneType = config.types.length === 1 && (rest.capacity ?? config.capacity) === null;
    if (oneType) {
      next.types = [{ ...config.types[0]!, ...(totalTickets !== undefined ? { capacity: totalTickets } : {}), ...(price !== undefined ? { price } : {}) }];
    } else if ((totalTickets !== undefined && totalTickets !== config.totalTickets) || (price !== undefined && price !== config.price)) {
      reject('conflict', 'this event has several ticket types: change their prices and capacities in ticketTypes');
    }
  }
  return withDerivedFields(next);
}

export function requireCapacity(config: ResolvedConfig): void {
  if (config.capacity !== null && config.capacity > sumOfCapacities(config.types)) {
    reject('invalid_request', "capacity must not exceed the sum of the ticket types' capacities");
  }
}

function requireRoomFor(state: QueueState, next: ResolvedConfig): void {
  for (const type of state.config.types) {
    const taken = typeSoldOf(state, type.id) + typeHeldOf(state, type.id);
    const kept = next.types.find((t) => t.id === type.id);
    if (!kept && taken > 0) reject('conflict', `${type.name} has tickets sold or held and cannot be removed`);
    if (kept && kept.capacity < taken) {
      reject('conflict', `${type.name}: capacity can shrink only down to ${taken} (tickets sold plus tickets held by live offers)`);
    }
  }
  const minimum = state.sold + state.held;
  if (next.totalTickets < minimum) {
    reject('conflict', `totalTickets can shrink only down to ${minimum} (tickets sold plus tickets held by live offers)`);
  }
}
