import type http from 'node:http';
import type Router from '@koa/router';
import type { DevTokenIssuer } from './auth/dev-token-issuer.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { UserRepository } from './auth/user-repository.js';
import type { Config } from './config.js';
import type { CheckInPasses } from './door/pass-repository.js';
import type { EmbedTokens } from './embed/embed-tokens.js';
import type { DomainBus } from './domain-bus.js';
import type { EventService } from './events/event-service.js';
import type { ProofOfWork } from './fairness/proof-of-work.js';
import type { Logger } from './logger.js';
import type { MailService } from './mail/mail-service.js';
import type { EventQueues } from './queue/event-queues.js';
import type { LeanPlacement } from './http/lean-path.js';
import type { Route } from './http/route-table.js';
import type { IdempotencyStore } from './storage/idempotency-store.js';
import type { Database } from './storage/mongo.js';
import type { TicketRepository } from './tickets/ticket-repository.js';

/**
 * The services one backend process runs, built once in server.ts and handed to every module.
 * Domain modules add their service here (events, tickets, payments, realtime).
 */
export interface AppContext {
  config: Config;
  log: Logger;
  db: Database;
  users: UserRepository;
  tokens: TokenVerifier;
  /** Present only when Clerk is not configured. */
  devTokens?: DevTokenIssuer;
  /** The event actors: every queue command goes through here. */
  queues: EventQueues;
  /** In-process notifications between modules (e.g. refund progress → realtime). */
  bus: DomainBus;
  /** The HTTP server (Socket.IO attaches to it). */
  httpServer: http.Server;
  /**
   * Under WORKERS > 1 every worker shares the public port (node:cluster hands connections round
   * robin), so peers reach one worker through its own port on this server (same handler); else absent.
   */
  peerServer?: http.Server;
  /** Where the lean path may answer an event owner's endpoint (set by the cluster module; without it, where the actor runs). */
  leanPlacement?: LeanPlacement;
  /** What the HTTP layer counts (reported by /internal/cluster/status): requests the lean path answered. */
  httpStats: { leanRequests: number };
  /** Events (set by the events module): documents, publish guard, markCancelled. */
  events: EventService;
  /** Embed tokens (set by the embed module): what host pages hold instead of the site session. */
  embedTokens: EmbedTokens;
  /** Check-in passes for door staff (set by the door module). */
  checkInPasses: CheckInPasses;
  /** Idempotency-Key records (set by the events module; used by event creation and checkout start). */
  idempotency: IdempotencyStore;
  /** Tickets (set by the tickets module): by payment, valid of an event, markRefunded. */
  tickets: TicketRepository;
  /** Proof-of-work on join (set by the fairness module): challenges and the join check. */
  proofOfWork: ProofOfWork;
  /** Outgoing mail (set by the mail module): messages recorded with the facts they report. */
  mail: MailService;
}

/**
 * The app as one module sees it: the same shared context (reads and writes go to `app`), with its
 * own child logger, so every line a module logs says which module it came from.
 */
export function moduleContext(app: AppContext, module: string): AppContext {
  const log = app.log.child({ module });
  return new Proxy(app, { get: (target, key, receiver): unknown => (key === 'log' ? log : Reflect.get(target, key, receiver)) });
}

/**
 * A backend module: what it mounts and what it needs started and stopped. Modules are listed in
 * modules.ts and installed in that order.
 */
export interface BackendModule {
  name: string;
  install(app: AppContext): ModuleInstance | Promise<ModuleInstance>;
}
export interface ModuleInstance {
  /** Its public endpoints: each a descriptor of backend/src/api-docs/endpoints bound to its handler. */
  routes?: Route[];
  /** Routers outside the public API (the cluster's forwarding and /internal calls); mounted before the routes. */
  routers?: Router[];
  /** Runs after every module is installed, before the server listens. */
  start?(): Promise<void>;
  /** Runs first at shutdown, before the HTTP server waits for its connections to end (drop long-lived ones: WebSockets). */
  drain?(): Promise<void>;
  close?(): Promise<void>;
}
