import { z } from 'zod';
import { Id, IsoDate, MinorUnits } from './common.js';
import { TicketType, TicketTypeId } from './ticket-types.js';

/**
 * Access and discount codes (docs/domain.md, Codes). A code is case-insensitive: stored and compared
 * upper-cased. Uses are counted by the event's actor: `held` by live entries, `used` by purchases.
 */
export const CodeText = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and dashes only')
  .transform((code) => code.toUpperCase());

export const CodeKind = z.enum(['access', 'discount']);
export type CodeKind = z.infer<typeof CodeKind>;

export const Code = z.object({
  id: z.string(),
  code: z.string(),
  kind: CodeKind,
  /** access: the hidden types it unlocks; discount: the types it applies to (empty = all). */
  typeIds: z.array(z.string()),
  /** discount: exactly one of percentOff (1..100) and amountOff (minor units off each ticket, never below 0). */
  percentOff: z.number().int().optional(),
  amountOff: z.number().int().optional(),
  maxUses: z.number().int().nullable(),
  used: z.number().int(),
  held: z.number().int(),
  validFrom: IsoDate.nullable(),
  validUntil: IsoDate.nullable(),
});
export type Code = z.infer<typeof Code>;

const codeRules = {
  typeIds: z.array(TicketTypeId).max(20),
  percentOff: z.number().int().min(1).max(100),
  amountOff: MinorUnits.refine((v) => v > 0, 'must be more than 0'),
  maxUses: z.number().int().min(1).max(1_000_000).nullable(),
  validFrom: IsoDate.nullable(),
  validUntil: IsoDate.nullable(),
};

type CodeShape = { kind?: CodeKind; typeIds?: string[]; percentOff?: number; amountOff?: number; validFrom?: string | null; validUntil?: string | null };
const checkCode = (v: CodeShape, ctx: z.RefinementCtx) => {
  const off = (v.percentOff === undefined ? 0 : 1) + (v.amountOff === undefined ? 0 : 1);
  if (v.kind === 'discount' && off !== 1) ctx.addIssue({ code: 'custom', message: 'a discount code takes exactly one of percentOff and amountOff' });
  if (v.kind === 'access' && off !== 0) ctx.addIssue({ code: 'custom', message: 'an access code takes no discount' });
  if (v.kind === 'access' && v.typeIds?.length === 0)
    ctx.addIssue({ code: 'custom', path: ['typeIds'], message: 'an access code unlocks at least one hidden type' });
  if (v.validFrom && v.validUntil && v.validFrom >= v.validUntil) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be after validFrom' });
};

/** POST /api/events/:id/codes (owner). */
export const CreateCodeRequest = z
  .strictObject({
    code: CodeText,
    kind: CodeKind,
    typeIds: codeRules.typeIds.default([]),
    percentOff: codeRules.percentOff.optional(),
    amountOff: codeRules.amountOff.optional(),
    maxUses: codeRules.maxUses.default(null),
    validFrom: codeRules.validFrom.default(null),
    validUntil: codeRules.validUntil.default(null),
  })
  .superRefine(checkCode);
export type CreateCodeRequest = z.input<typeof CreateCodeRequest>;

/**
 * PATCH /api/events/:id/codes/:codeId (owner): the text and kind never change; a discount switches
 * between percentOff and amountOff by sending one and null for the other. maxUses cannot go below
 * used + held.
 */
export const UpdateCodeRequest = z
  .strictObject({
    typeIds: codeRules.typeIds,
    percentOff: codeRules.percentOff.nullable(),
    amountOff: codeRules.amountOff.nullable(),
    maxUses: codeRules.maxUses,
    validFrom: codeRules.validFrom,
    validUntil: codeRules.validUntil,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'send at least one field to change');
export type UpdateCodeRequest = z.infer<typeof UpdateCodeRequest>;

export const CodeIdParams = z.object({ id: Id, codeId: Id });
export const CodeList = z.object({ items: z.array(Code) });
export type CodeList = z.infer<typeof CodeList>;

/** POST /api/events/:id/codes/check (signed in): whether a code works now, and what it does. */
export const CheckCodeRequest = z.strictObject({ code: CodeText });
export type CheckCodeRequest = z.input<typeof CheckCodeRequest>;

export const CodeDiscount = z.object({
  percentOff: z.number().int().optional(),
  amountOff: z.number().int().optional(),
  /** Types it applies to; empty = every type. */
  typeIds: z.array(z.string()),
});
export type CodeDiscount = z.infer<typeof CodeDiscount>;

export const CheckCodeResponse = z.object({
  code: z.string(),
  kind: CodeKind,
  /** access: the hidden types it unlocks, to show in the picker. */
  unlocks: z.array(TicketType).optional(),
  discount: CodeDiscount.optional(),
});
export type CheckCodeResponse = z.infer<typeof CheckCodeResponse>;
