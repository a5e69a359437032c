import { z } from 'zod';
import { errorCodes } from './error-codes.js';

export { errorCodes, isErrorCode } from './error-codes.js';

/** Error codes of the public API (docs/api.md, Conventions); the list itself is in error-codes.ts. */
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Ids are opaque strings; we bound their length so junk never reaches the database. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id');

/** ISO 8601 timestamp in UTC on the wire. */
export const IsoDate = z.iso.datetime({ offset: true });

/** Money: integers in the currency's minor unit. */
export const MinorUnits = z.number().int().min(0).max(100_000_000);
export const Currency = z
  .string()
  .regex(/^[a-zA-Z]{3}$/, 'must be an ISO 4217 code such as usd')
  .transform((c) => c.toLowerCase());

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** One page of a list, as every list endpoint answers it. */
export type Page<T> = z.infer<ReturnType<typeof listOf<z.ZodType<T>>>>;
