import type { Code, CreateCodeRequest, TicketType } from '@queuetix/contracts';
import { count, fromLocalInput, money, toMinor } from './format';

/** The seller's new-code form as typed. */
export interface CodeForm {
  code: string;
  kind: 'access' | 'discount';
  /** access: the hidden types it unlocks; discount: the types it applies to (none ticked = every type). */
  typeIds: string[];
  offKind: 'percent' | 'amount';
  /** Percent (1..100) or an amount in major units, as typed. */
  off: string | number;
  maxUses: number | '';
  validFrom: string;
  validUntil: string;
}

export function emptyCodeForm(): CodeForm {
  return { code: '', kind: 'discount', typeIds: [], offKind: 'percent', off: '', maxUses: '', validFrom: '', validUntil: '' };
}

/** Form → POST body (unvalidated: the shared schema names what is wrong). */
export function codeRequestFrom(f: CodeForm, currency: string, timeZone: string): CreateCodeRequest {
  const off = String(f.off).trim() === '' ? Number.NaN : f.offKind === 'percent' ? Number(f.off) : toMinor(f.off, currency);
  return {
    code: f.code.trim(),
    kind: f.kind,
    typeIds: f.typeIds,
    ...(f.kind === 'discount' ? (f.offKind === 'percent' ? { percentOff: off } : { amountOff: off }) : {}),
    maxUses: f.maxUses === '' ? null : Number(f.maxUses),
    validFrom: fromLocalInput(f.validFrom, timeZone) || null,
    validUntil: fromLocalInput(f.validUntil, timeZone) || null,
  };
}

/** What a code does, for the seller's list: "Unlocks Members presale" or "15% off VIP". */
export function codeEffect(
  code: Pick<Code, 'kind' | 'typeIds' | 'percentOff' | 'amountOff'>,
  types: readonly Pick<TicketType, 'id' | 'name'>[],
  currency: string,
): string {
  const names = code.typeIds.map((id) => types.find((t) => t.id === id)?.name ?? id).join(', ');
  if (code.kind === 'access') return `Unlocks ${names}`;
  const off = code.percentOff !== undefined ? `${code.percentOff}% off` : `${money(code.amountOff ?? 0, currency)} off`;
  return `${off} ${names || 'every ticket'}`;
}

/** "3 used, 1 held, of 50" (uses by paid orders, uses held by live entries, the limit). */
export function codeUses(code: Pick<Code, 'used' | 'held' | 'maxUses'>): string {
  const parts = [`${count(code.used)} used`, ...(code.held ? [`${count(code.held)} held`] : [])];
  return `${parts.join(', ')}${code.maxUses === null ? ' · no limit' : ` of ${count(code.maxUses)}`}`;
}
