import { discountPerTicket, requireFits, usableCode } from '../codes.js';
import { reject } from '../rejection.js';
import { requireText } from '../checks.js';
import type { Command, ReplyOf } from '../types.js';
import { viewOf } from '../views.js';
import { requireCreated, type CommandContext } from './context.js';

/**
 * A buyer applies a discount code to their live entry (at checkout). An entry has at most one;
 * applying the one it has changes nothing. A live offer's prices are recomputed at once.
 */
export function applyDiscount(ctx: CommandContext, cmd: Extract<Command, { type: 'applyDiscount' }>): ReplyOf<'applyDiscount'> {
  const { state, now, log } = ctx;
  requireCreated(state);
  const userId = requireText(cmd.userId, 'userId');
  const entry = state.latestByUser.get(userId);
  if (!entry?.isLive) reject('not_found', 'you are not in this queue');
  const current = entry.discountCodeId === undefined ? undefined : state.codes.get(entry.discountCodeId);
  if (current && current.code === String(cmd.code).toUpperCase()) return { type: 'applyDiscount', entry: viewOf(state, entry) };
  if (current) reject('conflict', 'a discount code is already applied to this place');
  const code = usableCode(state, cmd.code, 'discount', now);
  requireFits(code, entry.offered ?? entry.items);
  entry.discountCodeId = code.id;
  code.held++;
  if (entry.offered) {
    entry.offered = entry.offered.map((item) => ({ ...item, discountPerTicket: discountPerTicket(code, item.typeId, item.unitPrice) }));
  }
  log.entryChanged(entry);
  return { type: 'applyDiscount', entry: viewOf(state, entry) };
}
