import Router from '@koa/router';
import type { RouterContext } from '@koa/router';
import { endpoints } from '../api-docs/endpoints/index.js';
import { queueApi } from '../api-docs/endpoints/queue.js';
import type { AppContext } from '../app-context.js';
import { Id } from '@queuetix/contracts/common';
import { Unavailable } from '../errors.js';
import type { LeanPlacement } from '../http/lean-path.js';
import { OwnedElsewhere, type RemoteOwner } from '../queue/ownership.js';
import type { ClusterContext } from './cluster-context.js';
import { PEER_HEADERS, PeerUnreachable, type PeerResponse } from './peer-client.js';

/**
 * The public endpoints that work on one event's actor (`servedByEventOwner` in their descriptor).
 * A request for an event whose actor runs on another live instance is forwarded there whole (the
 * client sees one API); the owner runs auth, limits and the handler as if the client had reached it directly.
 */
export const forwardedEndpoints = endpoints.filter((e) => e.servedByEventOwner);

/**
 * A buyer's join and leave are admitted where they land: this instance parses them, verifies the
 * token, applies the rate limits and validation, and only the resulting command goes to the owner,
 * batched with others (command-batcher.ts). A join that needs the owner's own state beyond the
 * queue — a proof of work (its replay check lives on the owner) or "email me" — is forwarded whole.
 */
const edgeAdmitted = new Set<unknown>([queueApi.join, queueApi.leave]);

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);
const PEER_ONLY = new Set<string>(Object.values(PEER_HEADERS));
/** Koa types `next` as returning Promise<any>; the middleware after us settles with nothing. */
type Next = () => Promise<void>;
type Context = RouterContext;

/** Must be mounted before the routers it forwards for (cluster is the first module). */
export function forwardingRouter(app: AppContext, cluster: ClusterContext): Router {
  const router = new Router();
  const batching = app.config.FORWARD_BATCH_MAX > 0;
  const admitHere = async (ctx: Context, eventId: string): Promise<boolean> => {
    if (needsOwnerWhole((ctx.request as { body?: unknown }).body)) return false;
    return (await app.proofOfWork.policy.mode(eventId).catch(() => 'unknown')) === 'off';
  };
  const forwardToOwner = (admittable: boolean) => async (ctx: Context, next: Next) => {
    if (cluster.peers.isPeer(ctx.headers)) {
      // Forwarded by a peer: the client's address is the one the peer saw (rate limits per IP).
      const clientIp = ctx.get(PEER_HEADERS.clientIp);
      if (clientIp) ctx.request.ip = clientIp;
      return next();
    }
    const eventId = ctx.params.id!;
    if (!cluster.clustered || ctx.method === 'OPTIONS' || !Id.safeParse(eventId).success) return next();
    const owner = app.queues.isRunning(eventId) ? undefined : await cluster.leases.ownerOf(eventId);
    if (owner) return admittable && batching && (await admitHere(ctx, eventId)) ? next() : proxy(ctx, owner, eventId, cluster, next);
    try {
      await next();
    } catch (err) {
      // The actor turned out to live elsewhere after all (it moved, or a look-up raced a take-over).
      if (!(err instanceof OwnedElsewhere)) throw err;
      await proxy(ctx, err.owner, eventId, cluster, () => Promise.reject(err));
    }
  };
  for (const e of forwardedEndpoints) router[e.method](e.path, forwardToOwner(edgeAdmitted.has(e)));
  return router;
}

/** A join that needs the owner's own state beyond the queue: a proof of work (its replay check lives there) or "email me". */
function needsOwnerWhole(body: unknown): boolean {
  const fields = body as { pow?: unknown; notifyByEmail?: unknown } | undefined;
  return fields?.pow !== undefined || Boolean(fields?.notifyByEmail);
}

/**
 * Where the lean path (http/lean-path.ts) may answer an owner's endpoint in a cluster: where the
 * actor runs, or — for the edge-admitted join and leave — on an edge that already knows the
 * owner (no look-up to wait for) of an event without proof of work, batching to it like the
 * forwarding router does. Everything else goes to the full stack, which looks the owner up,
 * forwards whole, or wakes the actor.
 */
export function clusterPlacement(app: AppContext, cluster: ClusterContext): LeanPlacement {
  const batching = app.config.FORWARD_BATCH_MAX > 0;
  return {
    of(endpoint, eventId) {
      if (app.queues.isRunning(eventId)) return 'here';
      if (!cluster.clustered || !batching || !edgeAdmitted.has(endpoint) || !Id.safeParse(eventId).success) return undefined;
      if (!cluster.leases.cachedOwner(eventId)) return undefined;
      return app.proofOfWork.policy.knownMode(eventId) === 'off' ? 'edge' : undefined;
    },
    needsOwner: needsOwnerWhole,
  };
}

/** Answers with the owner's response; `local` runs when the owner is gone and its lease has run out. */
async function proxy(ctx: Context, owner: RemoteOwner, eventId: string, cluster: ClusterContext, local: Next): Promise<void> {
  let res: PeerResponse;
  try {
    res = await forward(ctx, owner, cluster);
  } catch (err) {
    if (!(err instanceof PeerUnreachable)) throw err;
    cluster.log.warn({ eventId, owner: owner.instanceId, err: err.message }, 'cluster: could not forward a request to the owner');
    cluster.leases.forget(eventId);
    // The owner is gone or stuck. Once its lease has run out this instance takes the event over.
    if (!(await cluster.leases.ownerOf(eventId))) return local();
    ctx.set('Retry-After', '1');
    throw new Unavailable('The instance running this event is not answering; another one takes it over within seconds. Try again.');
  }
  ctx.status = res.status;
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) ctx.set(name, value);
  }
  ctx.body = res.body;
}

function forward(ctx: Context, owner: RemoteOwner, cluster: ClusterContext): Promise<PeerResponse> {
  cluster.stats.forwardedRequests += 1;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || PEER_ONLY.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // A request the lean path read and then handed over (http/lean-path.ts) keeps its bytes on the node request.
  const raw = (ctx.request as { rawBody?: string }).rawBody ?? (ctx.req as { rawBody?: string }).rawBody;
  const body = raw !== undefined && ctx.method !== 'GET' && ctx.method !== 'HEAD' ? Buffer.from(raw) : undefined;
  return cluster.peers.send(owner.url, { method: ctx.method, path: ctx.url, headers: { ...headers, ...cluster.peers.peerHeaders(ctx.ip) }, body });
}
