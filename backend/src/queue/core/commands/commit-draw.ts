import { commitmentOf, isDrawSeed } from '../draw.js';
import { reject } from '../rejection.js';
import type { Command, ReplyOf } from '../types.js';
import { needsCommitment } from '../views.js';
import { requireCreated, type CommandContext } from './context.js';

/** A drawSeed carried by create/configure must be a real seed; checked before anything changes. */
export function checkDrawSeed(seed: unknown): string | undefined {
  if (seed === undefined) return undefined;
  if (!isDrawSeed(seed)) reject('invalid_request', 'drawSeed must be 32 bytes written as 64 lowercase hex characters');
  return seed;
}

/**
 * Commits to `seed` when the event needs a commitment (an on-sale time, sales not open, none yet).
 * A commitment is made once and kept: moving the on-sale time never draws a new one. Commands
 * journaled before commitments carry no seed and commit nothing.
 */
export function commitIfNeeded({ state, now, log }: CommandContext, seed: string | undefined): void {
  if (seed === undefined || !needsCommitment(state)) return;
  state.commitment = { seed, commitment: commitmentOf(seed), committedAt: now };
  log.push({ type: 'drawCommitted', commitment: state.commitment.commitment, committedAt: now });
}

/** Commits the draw of an event that got its on-sale time before commitments existed. */
export function commitDraw(ctx: CommandContext, cmd: Extract<Command, { type: 'commitDraw' }>): ReplyOf<'commitDraw'> {
  const { state } = ctx;
  requireCreated(state);
  const seed = checkDrawSeed(cmd.seed) ?? reject('invalid_request', 'seed is required');
  if (state.commitment) reject('conflict', 'the draw is already committed, and a commitment never changes');
  if (!needsCommitment(state)) reject('conflict', 'this event has no draw to commit (no on-sale time ahead, or sales already open)');
  commitIfNeeded(ctx, seed);
  return { type: 'commitDraw', drawCommitment: state.commitment!.commitment };
}
