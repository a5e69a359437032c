import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { z } from 'zod';
import { endpointKey, type Endpoint } from '../api-docs/endpoint.js';
import type { AppContext } from '../app-context.js';
import { admit, admitByHeader, leanAccess, type Callers } from './access.js';
import { parse } from './validate.js';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type JsonOf<B> = B extends { json: infer S extends z.ZodType } ? z.output<S> : undefined;

/** What a handler receives: its endpoint's params, query and JSON body, parsed with the endpoint's schemas, and its caller. */
export type Input<E extends Endpoint> = { params: Parsed<E['params']>; query: Parsed<E['query']>; body: JsonOf<E['body']> } & Callers[E['access']];

/**
 * What a handler of a lean-path endpoint may use of its request besides its input: the client's
 * address and the status it answers with (Koa's Context has both, so the same handler serves both paths).
 */
export interface LeanContext {
  readonly ip: string;
  status: number;
}

/** Answers one endpoint. What it returns (unless undefined) is the response body; it sets `ctx.status` for a status other than 200. */
export type Handler<E extends Endpoint> = (input: Input<E>, ctx: E extends { leanPath: true } ? LeanContext : Context) => unknown;

/** A request as the lean path has read it: path params as matched, query as parsed, the JSON body, the Authorization header. */
export interface LeanRequest {
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  body: unknown;
  authorization: string;
}

/** Serves a lean-path request: what the handler returned, and the status it set in `ctx`. */
export type LeanHandler = (request: LeanRequest, ctx: LeanContext) => Promise<unknown>;

/** An endpoint bound to its handler (a module returns these; the route table mounts them). */
export interface Route {
  endpoint: Endpoint;
  middleware(app: AppContext): Middleware;
  /** For a `leanPath` endpoint: the same handler behind the same parsing and access checks, without Koa. */
  lean?(app: AppContext): LeanHandler;
}

export interface RouteOptions {
  /** Runs before any input is read; throws when this deployment has the endpoint switched off (e.g. dev sign-in under Clerk). */
  available?: () => void;
}

/** Binds a handler to its descriptor: the one way a public endpoint gets an implementation. */
export function route<E extends Endpoint>(endpoint: E, handle: Handler<E>, options: RouteOptions = {}): Route {
  // Koa's Context is a LeanContext too: a lean-path handler runs on either.
  const call = handle as (input: Input<E>, ctx: Context | LeanContext) => unknown;
  const read = inputReader(endpoint);
  return {
    endpoint,
    middleware: (app) => async (ctx) => {
      options.available?.();
      const raw: RawInput = { params: ctx.params, query: ctx.query, body: (ctx.request as { body?: unknown }).body };
      const result = await call(await read(raw, (eventId) => admit(endpoint.access, ctx, app, eventId)), ctx);
      if (result !== undefined) ctx.body = result;
    },
    ...(endpoint.leanPath
      ? {
          lean: (app: AppContext): LeanHandler => {
            if (!leanAccess(endpoint.access)) throw new Error(`${endpointKey(endpoint)}: the lean path serves only 'anyone' and 'signed-in' endpoints`);
            return async (request, ctx) => {
              options.available?.();
              return call(await read(request, () => admitByHeader(endpoint.access, request.authorization, app)), ctx);
            };
          },
        }
      : {}),
  };
}

/** A request's params, query and body before they are parsed with the endpoint's schemas. */
type RawInput = { params: unknown; query: unknown; body: unknown };

/**
 * Reads an endpoint's input: params first (a malformed id is a 400 for anyone), then who is
 * calling, then query and body. The names its 400s use are worked out once, not per request.
 */
function inputReader<E extends Endpoint>(endpoint: E): (raw: RawInput, callerOf: (eventId: string | undefined) => Promise<object>) => Promise<Input<E>> {
  const paramsLabel = endpoint.params ? paramsName(endpoint.path) : '';
  const json = endpoint.body && 'json' in endpoint.body ? endpoint.body : undefined;
  return async (raw, callerOf) => {
    const params: unknown = endpoint.params ? parse(endpoint.params, raw.params, paramsLabel) : undefined;
    const caller = await callerOf((params as { id?: string } | undefined)?.id);
    const query: unknown = endpoint.query ? parse(endpoint.query, raw.query, endpoint.inputName ?? 'query') : undefined;
    const body: unknown = json ? parse(json.json, raw.body ?? (json.optional ? {} : undefined), endpoint.inputName ?? 'body') : undefined;
    // Each part was parsed with the schema Input<E> names; TypeScript cannot follow a conditional type over a generic E.
    return { params, query, body, ...caller } as Input<E>;
  };
}

/** How a 400 names the path parameters: `:sessionId` → "session id", `/tickets/:id` → "ticket id". */
export function paramsName(path: string): string {
  const segments = path.split('/');
  const at = segments.findIndex((s) => s.startsWith(':'));
  const name = segments[at]!.slice(1);
  return name === 'id' ? `${segments[at - 1]!.replace(/s$/, '')} id` : name.replace(/Id$/, ' id');
}

/** A lean-path endpoint with its handler (http/lean-path.ts serves these). */
export interface LeanRoute {
  endpoint: Endpoint;
  serve: LeanHandler;
}

/** The public API: one Koa router for every endpoint, and the lean path's share of them. */
export interface RouteTable {
  router: Router;
  lean: LeanRoute[];
}

/**
 * One Koa router for the public API, built from the endpoint list and the modules' routes. Fails
 * at start-up when an endpoint has no handler, a handler's endpoint is not in the list, or one
 * endpoint has two handlers, so the docs, the forwarding and the routes cannot drift apart.
 */
export function routeTable(app: AppContext, endpoints: readonly Endpoint[], routes: readonly Route[]): RouteTable {
  const byEndpoint = new Map<Endpoint, Route>();
  for (const r of routes) {
    if (!endpoints.includes(r.endpoint))
      throw new Error(`${endpointKey(r.endpoint)} has a handler but is not in the endpoint list (backend/src/api-docs/endpoints/index.ts)`);
    if (byEndpoint.has(r.endpoint)) throw new Error(`${endpointKey(r.endpoint)} has two handlers`);
    byEndpoint.set(r.endpoint, r);
  }
  const router = new Router();
  const lean: LeanRoute[] = [];
  for (const e of endpoints) {
    const r = byEndpoint.get(e);
    if (!r) throw new Error(`${endpointKey(e)} is described but has no handler`);
    if ((e.access === 'owner' || e.access === 'owner-or-pass') && !e.path.includes('/:id'))
      throw new Error(`${endpointKey(e)}: an owner-only endpoint needs :id in its path`);
    router[e.method](e.path, r.middleware(app));
    if (r.lean) lean.push({ endpoint: e, serve: r.lean(app) });
  }
  return { router, lean };
}
