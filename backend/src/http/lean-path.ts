import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import bourne from '@hapi/bourne';
import type { Endpoint } from '../api-docs/endpoint.js';
import type { AppContext } from '../app-context.js';
import { bearerTokenOf } from '../auth/bearer.js';
import { PEER_HEADERS } from '../cluster/peer-client.js';
import { isPassToken } from '../door/pass-token.js';
import { EmbedTokens } from '../embed/embed-tokens.js';
import { CORS_EXPOSED_HEADERS, type CorsOrigin } from './cors.js';
import type { HttpDrain } from './drain.js';
import { errorAnswer } from './error-middleware.js';
import type { LeanContext, LeanRoute } from './route-table.js';

/** The same limit as the Koa body parser's (app.ts). */
export const JSON_LIMIT_BYTES = 100 * 1024;

/** Headers that send a request to the full stack: idempotent replays, calls forwarded by a peer, encoded bodies. */
const FULL_STACK_HEADERS = ['idempotency-key', 'content-encoding', 'transfer-encoding', ...Object.values(PEER_HEADERS)];

const JSON_TYPE = /^application\/json\s*(?:;\s*charset=utf-8\s*)?$/i;
/** co-body's strict mode: a JSON body is an object or an array (after RFC 7159 whitespace). */
const STRICT_JSON = /^[ \t\n\r]*(\[|\{)/;
const EXPOSED = CORS_EXPOSED_HEADERS.join(',');

/**
 * Where an event owner's endpoint can be answered without the full stack. 'here': the event's
 * actor runs in this process. 'edge': this instance admits the command and sends it to the owner
 * in a batch (cluster/forwarding.ts decides when). undefined: the full stack decides (it forwards
 * the request whole, or wakes the actor).
 */
export interface LeanPlacement {
  of(endpoint: Endpoint, eventId: string): 'here' | 'edge' | undefined;
  /** A body an edge may not admit (it needs the owner's own state): the full stack forwards it whole. */
  needsOwner(body: unknown): boolean;
}

/** Without a cluster: only where the actor runs. */
export const localPlacement = (app: AppContext): LeanPlacement => ({
  of: (_endpoint, eventId) => (app.queues.isRunning(eventId) ? 'here' : undefined),
  needsOwner: () => false,
});

interface CompiledRoute {
  method: string;
  /** The descriptor's path with each `:name` as one plain segment (no escapes: a segment with % goes to the full stack). */
  pattern: RegExp;
  names: string[];
  route: LeanRoute;
  /** `:id` names the event whose actor serves it: taken only while that actor runs in this process. */
  ownerOnly: boolean;
}

export interface LeanPathOptions {
  app: AppContext;
  routes: readonly LeanRoute[];
  drain: HttpDrain;
  corsOrigin: CorsOrigin;
  securityHeaders: ReadonlyArray<readonly [string, string]>;
  placement: LeanPlacement;
  /** The full stack: what the lean path hands a request to when it turns out to need it after all. */
  fullStack: RequestListener;
}

/**
 * The rush's hot commands (a buyer's join, leave, own entry) without the middleware stack: the
 * full stack costs a join about as much CPU as the join itself (docs/benchmarks.md, queue-http).
 *
 * It takes only the plain case, and answers it exactly as the full stack would — same parsing,
 * access check and handler (route-table.ts), same CORS decision (cors.ts), security headers
 * (security-headers.ts) and error answers (error-middleware.ts). Everything else it leaves
 * untouched to Koa, before reading a byte: a request during shutdown, a path not in its canonical
 * form, an embed token or a check-in pass (their guards run in the stack), an idempotency key, a
 * peer's forwarded call, a body that is not declared-length JSON, and an event neither run here
 * nor batched from here to its owner (LeanPlacement; the stack forwards it or wakes the actor).
 * One request is handed over after its body was read: a join an edge may not admit (a proof of
 * work, "email me"), with its body on the node request as @koa/bodyparser's raw checking reads it.
 */
export class LeanPath {
  private readonly routes: CompiledRoute[];
  private readonly proxyHops: number;

  constructor(private readonly options: LeanPathOptions) {
    this.proxyHops = options.app.config.proxyHops;
    this.routes = options.routes.map((route) => {
      const names: string[] = [];
      const source = route.endpoint.path.replace(/:(\w+)/g, (_, name: string) => {
        names.push(name);
        return '([A-Za-z0-9_-]+)';
      });
      return {
        method: route.endpoint.method.toUpperCase(),
        pattern: new RegExp(`^${source}$`),
        names,
        route,
        ownerOnly: route.endpoint.servedByEventOwner === true,
      };
    });
  }

  /** Serves the request (true), or leaves it untouched for the full stack (false). */
  take(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.options.drain.isDraining) return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const match = this.match(req.method ?? '', path);
    if (!match) return false;
    const { compiled, params } = match;
    const placement = compiled.ownerOnly ? this.options.placement.of(compiled.route.endpoint, params.id ?? '') : 'here';
    if (!placement) return false;
    const headers = req.headers;
    for (const name of FULL_STACK_HEADERS) if (headers[name] !== undefined) return false;
    const authorization = headers.authorization ?? '';
    const token = bearerTokenOf(authorization);
    if (token && (EmbedTokens.looksLikeEmbedToken(token) || isPassToken(token))) return false;
    const length = plainBodyLength(req);
    if (length === undefined) return false;
    void this.serve(req, res, compiled, { params, path, queryString: q === -1 ? '' : url.slice(q + 1), authorization, length, edge: placement === 'edge' });
    return true;
  }

  /**
   * Gives a request whose body is read to the full stack, as if it had come to it directly: Koa's
   * body parser takes `req.body` as parsed (enableRawChecking), forwarding sends `req.rawBody`.
   */
  private handOver(req: IncomingMessage, res: ServerResponse, body: unknown, text: string): void {
    req.body = body;
    req.rawBody = text;
    this.options.fullStack(req, res);
  }

  private match(method: string, path: string): { compiled: CompiledRoute; params: Record<string, string> } | undefined {
    for (const compiled of this.routes) {
      if (compiled.method !== method) continue;
      const m = compiled.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      compiled.names.forEach((name, k) => (params[name] = m[k + 1]!));
      return { compiled, params };
    }
    return undefined;
  }

  private async serve(
    req: IncomingMessage,
    res: ServerResponse,
    compiled: CompiledRoute,
    {
      params,
      path,
      queryString,
      authorization,
      length,
      edge,
    }: { params: Record<string, string>; path: string; queryString: string; authorization: string; length: number; edge: boolean },
  ): Promise<void> {
    const { app, corsOrigin } = this.options;
    const origin = req.headers.origin ?? '';
    const ctx = new LeanRequestContext(req, this.proxyHops);
    let status: number;
    let body: unknown;
    let retryAfter: number | undefined;
    let allowOrigin = '';
    try {
      allowOrigin = origin ? await corsOrigin(origin, path) : '';
      const text = length > 0 ? await readBody(req, length) : '';
      const json = length > 0 ? parseJson(text) : compiled.method === 'POST' || compiled.method === 'PATCH' ? {} : undefined;
      if (edge && this.options.placement.needsOwner(json)) {
        this.handOver(req, res, json, text);
        return;
      }
      body = await compiled.route.serve({ params, query: parseQuery(queryString), body: json, authorization }, ctx);
      status = ctx.status;
    } catch (raw) {
      const answer = errorAnswer(raw, app.log, compiled.method, path);
      ({ status, body } = answer);
      retryAfter = answer.retryAfterSec;
    }
    if (res.headersSent || res.destroyed) return;
    app.httpStats.leanRequests += 1;
    res.statusCode = status;
    for (const [name, value] of this.options.securityHeaders) res.setHeader(name, value);
    res.setHeader('Vary', 'Origin');
    if (allowOrigin) {
      res.setHeader('Access-Control-Allow-Origin', allowOrigin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSED);
    }
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    if (body === undefined || status === 204) {
      res.end();
      return;
    }
    const text = JSON.stringify(body);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  }
}

/** The client's address as Koa works it out (request.ip with `proxy` and `maxIpsCount`: app.ts). */
class LeanRequestContext implements LeanContext {
  status = 200;
  private address: string | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly proxyHops: number,
  ) {}

  get ip(): string {
    if (this.address === undefined) {
      const forwarded = this.proxyHops > 0 ? this.req.headers['x-forwarded-for'] : undefined;
      const ips =
        typeof forwarded === 'string' && forwarded
          ? forwarded
              .split(',')
              .map((v) => v.trim())
              .slice(-this.proxyHops)
          : [];
      this.address = ips[0] || this.req.socket.remoteAddress || '';
    }
    return this.address;
  }
}

/**
 * The length of a body the lean path reads as Koa's body parser would (0: none), or undefined when
 * the stack must read it: a POST/PATCH body must be JSON of a declared length within the limit
 * (chunked and encoded bodies were sent to the stack already); other methods carry none.
 */
function plainBodyLength(req: IncomingMessage): number | undefined {
  const declared = req.headers['content-length'];
  const length = Number(declared ?? 0);
  if (req.method !== 'POST' && req.method !== 'PATCH') return length === 0 ? 0 : undefined;
  if (declared === undefined || !JSON_TYPE.test(req.headers['content-type'] ?? '') || !(length <= JSON_LIMIT_BYTES)) return undefined;
  return length;
}

/** An error the error mapper reads as the body parser's own (status 400, message shown when `expose`). */
const badBody = (message: string, expose: boolean) => Object.assign(new SyntaxError(message), { status: 400, expose });

function readBody(req: IncomingMessage, length: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= length) chunks.push(chunk);
    });
    req.once('end', () => {
      if (received !== length) reject(badBody('request size did not match content length', true));
      else resolve(Buffer.concat(chunks, received).toString('utf8'));
    });
    req.once('error', reject);
  });
}

/** As co-body parses JSON for @koa/bodyparser: a leading BOM dropped, an object or array only, no __proto__ keys. */
function parseJson(raw: string): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (!text) return {};
  try {
    if (!STRICT_JSON.test(text)) throw new SyntaxError('invalid JSON, only supports object and array');
    return bourne.parse(text, { protoAction: 'error' });
  } catch (err) {
    throw badBody(err instanceof Error ? err.message : 'invalid JSON', false);
  }
}
