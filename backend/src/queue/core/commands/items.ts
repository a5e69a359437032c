import { requireInt, requireText } from '../checks.js';
import { typeOf } from '../capacity.js';
import { reject } from '../rejection.js';
import { userTypeKey, type QueueState } from '../state.js';
import { firstVisible } from '../ticket-types.js';
import type { CodeView, OrderItem } from '../types.js';

/**
 * What a join or a change asks for, checked against the rules (docs/domain.md, Ticket types):
 * known types, each once; hidden ones only through the access code; each type within its max per
 * buyer and the order within the event's, counting what the buyer already bought.
 */
export function checkItems(
  state: QueueState,
  userId: string,
  raw: { quantity?: unknown; items?: unknown },
  access: CodeView | undefined,
  now: number,
): OrderItem[] {
  const items = raw.items === undefined ? [{ typeId: firstVisible(state.config.types).id, quantity: raw.quantity }] : raw.items;
  if (!Array.isArray(items) || items.length === 0 || items.length > 20) reject('invalid_request', 'items must list 1 to 20 ticket types');
  const seen = new Set<string>();
  const out: OrderItem[] = [];
  let total = 0;
  const { maxPerBuyer } = state.config;
  for (const item of items as { typeId?: unknown; quantity?: unknown }[]) {
    const typeId = requireText(item?.typeId, 'typeId');
    const type = typeOf(state, typeId);
    if (!type || (type.hidden && !access?.typeIds.includes(typeId))) reject('invalid_request', `no ticket type ${typeId} here`);
    if (seen.has(typeId)) reject('invalid_request', `ticket type ${typeId} is named twice`);
    seen.add(typeId);
    if (type.salesEndAt !== null && type.salesEndAt <= now) reject('conflict', `${type.name}: sales have ended`);
    const limit = Math.min(type.maxPerBuyer, maxPerBuyer);
    const quantity = requireInt(item.quantity, 'quantity', 1, limit);
    const bought = state.purchasedByUserType.get(userTypeKey(userId, typeId)) ?? 0;
    if (bought + quantity > limit) reject('conflict', `you already hold ${bought} ${type.name} tickets; one buyer may hold at most ${limit}`);
    total += quantity;
    out.push({ typeId, quantity });
  }
  const purchased = state.purchasedByUser.get(userId) ?? 0;
  if (purchased + total > maxPerBuyer) {
    reject('conflict', `you already hold ${purchased} tickets; one buyer may hold at most ${maxPerBuyer}`);
  }
  return out;
}

/** Whether the items name a hidden type (then an access code's use is held). */
export function asksHidden(state: QueueState, items: readonly OrderItem[]): boolean {
  return items.some((item) => typeOf(state, item.typeId)?.hidden === true);
}
