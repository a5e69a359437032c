import type { z } from 'zod';
import type { ErrorCode } from '@queuetix/contracts/common';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call an endpoint (the API's access rules, docs/domain.md "Roles and access"). */
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

/** A JSON body: its schema, and a valid example (shown in the OpenAPI document; the hostile tests derive bad bodies from it). */
export interface JsonBody<S extends z.ZodType = z.ZodType> {
  json: S;
  example: z.input<S>;
  /** An absent body is read as `{}` (every field optional). */
  optional?: boolean;
}

/** What an endpoint reads as its body; the route table parses `json` bodies, the handler reads the other kinds. */
export type BodyKind = JsonBody | { multipartImage: true } | { raw: string };

/**
 * One endpoint of the public API, described once. The route table (backend/src/http/route-table.ts)
 * registers it, parses its params, query and body with these schemas and enforces `access`; the
 * cluster forwards it when `servedByEventOwner`; the OpenAPI document and docs/api.md are built from it.
 */
export interface Endpoint {
  method: Method;
  /** Koa style, e.g. /api/events/:id */
  path: string;
  group: string;
  summary: string;
  description?: string;
  access: Access;
  /** Works on the event actor named by `:id`: in a cluster, the instance that runs that actor serves it (others forward it). */
  servedByEventOwner?: boolean;
  /**
   * A hot command of the rush (a buyer's join, leave, own entry): also answered by the lean path
   * (http/lean-path.ts) when the request needs nothing else of the full middleware stack. Its
   * handler then sees a LeanContext, not Koa's, so it cannot come to depend on more of the stack.
   */
  leanPath?: true;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: BodyKind;
  /** What the query or body is called in a 400's message ("Invalid join — quantity: …"); `query` / `body` unless given. */
  inputName?: string;
  responses: ResponseDoc[];
  errors: ErrorDoc[];
}

/** Said of endpoints that honour the `Idempotency-Key` header (http/idempotency.ts). */
export const idempotencyNote =
  ' Send an `Idempotency-Key` header (e.g. a UUID) to make retries safe: the same key from the same caller with the same request gets the first answer again (with `Idempotent-Replayed: true`); a failed request does not keep its key.';

/** A JSON body whose example is checked against the schema's input type. */
export const jsonBody = <S extends z.ZodType>(json: S, example: z.input<S>, options: { optional?: boolean } = {}): JsonBody<S> => ({
  json,
  example,
  ...options,
});

/** Keeps a descriptor's exact types (its schemas and access level), so its handler receives typed input. */
export const endpoint = <E extends Endpoint>(descriptor: E): E => descriptor;

/** `GET /api/events/:id`: how routes and tests name one endpoint. */
export const endpointKey = (e: Pick<Endpoint, 'method' | 'path'>) => `${e.method.toUpperCase()} ${e.path}`;

/** Errors most endpoints share, so each table stays short and exact. */
export const commonErrors = {
  badId: { status: 400, code: 'invalid_request', when: 'the id in the path is malformed' },
  badBody: {
    status: 400,
    code: 'invalid_request',
    when: 'the body is malformed JSON, has a field of the wrong type or out of range, lacks a required field or has an unknown one (details.fields names each)',
  },
  badQuery: { status: 400, code: 'invalid_request', when: 'a query parameter is malformed or unknown' },
  unauthenticated: { status: 401, code: 'unauthenticated', when: 'no valid Bearer token' },
  notSeller: { status: 403, code: 'forbidden', when: 'the caller is not a seller' },
  notOwner: { status: 403, code: 'forbidden', when: 'the caller does not own the event' },
  noEvent: { status: 404, code: 'not_found', when: 'no such event' },
  unavailable: { status: 503, code: 'unavailable', when: 'the database is unreachable (retry after `Retry-After` seconds)' },
  idempotencyKeyReused: {
    status: 409,
    code: 'conflict',
    when: 'the `Idempotency-Key` was used before for a different request, or that request is still running',
  },
} as const satisfies Record<string, ErrorDoc>;
