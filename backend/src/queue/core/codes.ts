import { reject } from './rejection.js';
import type { QueueState } from './state.js';
import type { CodeView, OfferedItem, OrderItem } from './types.js';

/**
 * Access and discount codes (docs/domain.md, Codes). A use is held by a live entry from its join
 * (or from applying the code at checkout) and becomes used when paid, or is given back when the
 * entry ends unpaid; used + held never exceed maxUses.
 */
export function usesLeft(code: CodeView): number {
  return code.maxUses === null ? Number.POSITIVE_INFINITY : code.maxUses - code.used - code.held;
}

export function isValidAt(code: CodeView, now: number): boolean {
  return (code.validFrom === null || code.validFrom <= now) && (code.validUntil === null || now < code.validUntil);
}

/** A code that works now with a use left, of the given kind; else code_invalid (nothing changes). */
export function usableCode(state: QueueState, text: unknown, kind: CodeView['kind'], now: number): CodeView {
  const code = typeof text === 'string' ? state.codeByText.get(text.toUpperCase()) : undefined;
  if (!code || code.kind !== kind) reject('code_invalid', `no such ${kind} code`);
  if (!isValidAt(code, now)) reject('code_invalid', 'this code is not valid now');
  if (usesLeft(code) <= 0) reject('code_invalid', 'this code has been used up');
  return code;
}

export function appliesTo(code: CodeView, typeId: string): boolean {
  return code.typeIds.length === 0 || code.typeIds.includes(typeId);
}

/** The discount per ticket of a type's price: percent rounded down (the buyer never pays a fraction), never more than the price. */
export function discountPerTicket(code: CodeView | undefined, typeId: string, price: number): number {
  if (!code || code.kind !== 'discount' || !appliesTo(code, typeId)) return 0;
  if (code.percentOff !== undefined) return Math.floor((price * code.percentOff) / 100);
  return Math.min(code.amountOff ?? 0, price);
}

export function amountOf(items: readonly OfferedItem[]): number {
  let sum = 0;
  for (const item of items) sum += (item.unitPrice - item.discountPerTicket) * item.quantity;
  return sum;
}

export function holdCode(state: QueueState, codeId: string | undefined, delta: 1 | -1): void {
  const code = codeId === undefined ? undefined : state.codes.get(codeId);
  if (code) code.held += delta;
}

/** The entry's held uses become used (a payment honoured). */
export function useCode(state: QueueState, codeId: string | undefined): void {
  const code = codeId === undefined ? undefined : state.codes.get(codeId);
  if (code) code.used++;
}

/** Whether a discount code fits a request: it applies to at least one type asked for. */
export function requireFits(code: CodeView, items: readonly OrderItem[]): void {
  if (!items.some((item) => appliesTo(code, item.typeId))) reject('code_invalid', 'this code does not apply to the tickets asked for');
}
