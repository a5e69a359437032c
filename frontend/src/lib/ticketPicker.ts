import type { CheckCodeResponse, TicketType, TypeAvailability } from '@queuetix/contracts';
import type { Item, Selection } from '@queuetix/contracts/ticket-selection';
import { money } from './format';

export { clampSelection, itemsOf, maxFor, pickerTypes, selectedCount, typeState } from '@queuetix/contracts/ticket-selection';
export type { Item, Selection, TypeState } from '@queuetix/contracts/ticket-selection';

/** The selection an entry's items stand for (to start a change of request from what was asked). */
export function selectionOf(items: readonly Item[]): Selection {
  return Object.fromEntries(items.map((i) => [i.typeId, i.quantity]));
}

/** "2 × Standing, 1 × VIP": what a request or offer is, in words. */
export function describeItems(items: readonly Item[], types: readonly Pick<TicketType, 'id' | 'name'>[]): string {
  const names = new Map(types.map((t) => [t.id, t.name]));
  return items.map((i) => `${i.quantity} × ${names.get(i.typeId) ?? 'Ticket'}`).join(', ');
}

export interface PricedItem extends Item {
  unitPrice: number;
  discountPerTicket: number;
}

export interface OrderLine extends PricedItem {
  name: string;
  /** What this line costs after its discount. */
  total: number;
}

/** Lines, discount and total of an offer as the server priced it (never re-priced here). */
export function orderLines(
  items: readonly PricedItem[],
  types: readonly Pick<TicketType, 'id' | 'name'>[],
): { lines: OrderLine[]; discount: number; total: number } {
  const names = new Map(types.map((t) => [t.id, t.name]));
  const lines = items.map((i) => ({ ...i, name: names.get(i.typeId) ?? 'Ticket', total: i.quantity * Math.max(0, i.unitPrice - i.discountPerTicket) }));
  const discount = items.reduce((sum, i) => sum + i.quantity * Math.min(i.unitPrice, i.discountPerTicket), 0);
  return { lines, discount, total: lines.reduce((sum, l) => sum + l.total, 0) };
}

/** The types an entry asks for that sold out while it waited: it may change its request or leave. */
export function soldOutAsked(items: readonly Item[], availability: readonly TypeAvailability[] | undefined): string[] {
  const soldOut = new Set((availability ?? []).filter((a) => a.soldOut).map((a) => a.typeId));
  return items.filter((i) => soldOut.has(i.typeId)).map((i) => i.typeId);
}

/** What a checked code does, in words: "Unlocks VIP" or "20% off Standing" or "$5.00 off every ticket". */
export function codeSummary(code: CheckCodeResponse, types: readonly Pick<TicketType, 'id' | 'name'>[], currency: string): string {
  const names = (ids: readonly string[]) => ids.map((id) => types.find((t) => t.id === id)?.name ?? id).join(', ');
  if (code.kind === 'access') return `Unlocks ${code.unlocks?.length ? code.unlocks.map((t) => t.name).join(', ') : 'hidden tickets'}`;
  const d = code.discount;
  if (!d) return 'Discount applied at checkout';
  const off = d.percentOff !== undefined ? `${d.percentOff}% off` : `${money(d.amountOff ?? 0, currency)} off`;
  return d.typeIds.length ? `${off} ${names(d.typeIds)}` : `${off} every ticket`;
}

/** Whether a discount code takes something off `typeId` (empty list: every type). */
export function discountApplies(code: CheckCodeResponse | undefined, typeId: string): boolean {
  return !!code?.discount && (code.discount.typeIds.length === 0 || code.discount.typeIds.includes(typeId));
}
