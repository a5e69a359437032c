import type { z } from 'zod';
import type { ErrorCode } from '../contracts/common.js';

export type Method = 'get' | 'post' | 'patch' | 'delete';

/** Who may call an endpoint (the API's access rules, domain.md "Roles and access"). */
export type Access = 'anyone' | 'signed-in' | 'seller' | 'owner' | 'owner-or-pass' | 'stripe';

export const accessText: Record<Access, string> = {
  anyone: 'anyone (no token needed)',
  'signed-in': 'a signed-in user (Bearer token)',
  seller: 'a signed-in seller',
  owner: "the event's owner (a signed-in seller)",
  'owner-or-pass': "the event's owner, or door staff with a check-in pass of the event (Bearer qcp_…)",
  stripe: 'Stripe (signed with the webhook secret; no Bearer token)',
};

export interface ResponseDoc {
  status: number;
  description: string;
  /** JSON body; a plain OpenAPI schema for non-JSON bodies. */
  schema?: z.ZodType;
  contentType?: string;
  binary?: boolean;
}

export interface ErrorDoc {
  status: number;
  code: ErrorCode;
  when: string;
}

/** One endpoint of the public API, described once; the OpenAPI document and docs/api.md are built from these. */
export interface Endpoint {
  method: Method;
  /** Koa style, e.g. /api/events/:id */
  path: string;
  group: string;
  summary: string;
  description?: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: { json: z.ZodType; optional?: boolean } | { multipartImage: true } | { raw: string };
  responses: ResponseDoc[];
  errors: ErrorDoc[];
}

/** Said of endpoints that honour the `Idempotency-Key` header (http/idempotency.ts). */
export const idempotencyNote =
  ' Send an `Idempotency-Key` header (e.g. a UUID) to make retries safe: the same key from the same caller with the same request gets the first answer again (with `Idempotent-Replayed: true`); a failed request does not keep its key.';

/** Errors most endpoints share, so each table stays short and exact. */
export const commonErrors = {
  badId: { status: 400, code: 'invalid_request', when: 'the id in the path is malformed' },
  badBody: { status: 400, code: 'invalid_request', when: 'the body is malformed JSON, has a field of the wrong type or out of range, lacks a required field or has an unknown one (details.fields names each)' },
  badQuery: { status: 400, code: 'invalid_request', when: 'a query parameter is malformed or unknown' },
  unauthenticated: { status: 401, code: 'unauthenticated', when: 'no valid Bearer token' },
  notSeller: { status: 403, code: 'forbidden', when: 'the caller is not a seller' },
  notOwner: { status: 403, code: 'forbidden', when: "the caller does not own the event" },
  noEvent: { status: 404, code: 'not_found', when: 'no such event' },
  unavailable: { status: 503, code: 'unavailable', when: 'the database is unreachable (retry after `Retry-After` seconds)' },
  idempotencyKeyReused: { status: 409, code: 'conflict', when: 'the `Idempotency-Key` was used before for a different request, or that request is still running' },
} as const satisfies Record<string, ErrorDoc>;
