import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { z } from 'zod';
import { endpointKey, type Endpoint } from '../api-docs/endpoint.js';
import type { AppContext } from '../app-context.js';
import { admit, type Callers } from './access.js';
import { parse } from './validate.js';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type JsonOf<B> = B extends { json: infer S extends z.ZodType } ? z.output<S> : undefined;

/** What a handler receives: its endpoint's params, query and JSON body, parsed with the endpoint's schemas, and its caller. */
export type Input<E extends Endpoint> = { params: Parsed<E['params']>; query: Parsed<E['query']>; body: JsonOf<E['body']> } & Callers[E['access']];

/** Answers one endpoint. What it returns (unless undefined) is the response body; it sets `ctx.status` for a status other than 200. */
export type Handler<E extends Endpoint> = (input: Input<E>, ctx: Context) => unknown;

/** An endpoint bound to its handler (a module returns these; the route table mounts them). */
export interface Route {
  endpoint: Endpoint;
  middleware(app: AppContext): Middleware;
}

export interface RouteOptions {
  /** Runs before any input is read; throws when this deployment has the endpoint switched off (e.g. dev sign-in under Clerk). */
  available?: () => void;
}

/** Binds a handler to its descriptor: the one way a public endpoint gets an implementation. */
export function route<E extends Endpoint>(endpoint: E, handle: Handler<E>, options: RouteOptions = {}): Route {
  return {
    endpoint,
    middleware: (app) => async (ctx) => {
      options.available?.();
      const result = await handle(await readInput(endpoint, ctx, app), ctx);
      if (result !== undefined) ctx.body = result;
    },
  };
}

/** Params first (a malformed id is a 400 for anyone), then who is calling, then query and body. */
async function readInput<E extends Endpoint>(endpoint: E, ctx: Context, app: AppContext): Promise<Input<E>> {
  const params: unknown = endpoint.params ? parse(endpoint.params, ctx.params, paramsName(endpoint.path)) : undefined;
  const caller = await admit(endpoint.access, ctx, app, (params as { id?: string } | undefined)?.id);
  const query: unknown = endpoint.query ? parse(endpoint.query, ctx.query, endpoint.inputName ?? 'query') : undefined;
  const json = endpoint.body && 'json' in endpoint.body ? endpoint.body : undefined;
  const body: unknown = json ? parse(json.json, ctx.request.body ?? (json.optional ? {} : undefined), endpoint.inputName ?? 'body') : undefined;
  // Each part was parsed with the schema Input<E> names; TypeScript cannot follow a conditional type over a generic E.
  return { params, query, body, ...caller } as Input<E>;
}

/** How a 400 names the path parameters: `:sessionId` → "session id", `/tickets/:id` → "ticket id". */
export function paramsName(path: string): string {
  const segments = path.split('/');
  const at = segments.findIndex((s) => s.startsWith(':'));
  const name = segments[at]!.slice(1);
  return name === 'id' ? `${segments[at - 1]!.replace(/s$/, '')} id` : name.replace(/Id$/, ' id');
}

/**
 * One Koa router for the public API, built from the endpoint list and the modules' routes. Fails
 * at start-up when an endpoint has no handler, a handler's endpoint is not in the list, or one
 * endpoint has two handlers, so the docs, the forwarding and the routes cannot drift apart.
 */
export function routeTable(app: AppContext, endpoints: readonly Endpoint[], routes: readonly Route[]): Router {
  const byEndpoint = new Map<Endpoint, Route>();
  for (const r of routes) {
    if (!endpoints.includes(r.endpoint))
      throw new Error(`${endpointKey(r.endpoint)} has a handler but is not in the endpoint list (backend/src/api-docs/endpoints/index.ts)`);
    if (byEndpoint.has(r.endpoint)) throw new Error(`${endpointKey(r.endpoint)} has two handlers`);
    byEndpoint.set(r.endpoint, r);
  }
  const router = new Router();
  for (const e of endpoints) {
    const r = byEndpoint.get(e);
    if (!r) throw new Error(`${endpointKey(e)} is described but has no handler`);
    if ((e.access === 'owner' || e.access === 'owner-or-pass') && !e.path.includes('/:id'))
      throw new Error(`${endpointKey(e)}: an owner-only endpoint needs :id in its path`);
    router[e.method](e.path, r.middleware(app));
  }
  return router;
}
