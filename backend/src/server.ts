import cluster from 'node:cluster';
import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Router from '@koa/router';
import type Koa from 'koa';
import { moduleContext, type AppContext, type ModuleInstance } from './app-context.js';
import { loadOrCreateDevKeys } from './auth/dev-keys.js';
import { DevTokenIssuer, devTokenOrigin } from './auth/dev-token-issuer.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { UserRepository } from './auth/user-repository.js';
import { withPublicUrl, type LoadedConfig } from './config.js';
import { DomainBus } from './domain-bus.js';
import { endpoints } from './api-docs/endpoints/index.js';
import { createHttpApp } from './http/app.js';
import { HttpDrain } from './http/drain.js';
import { routeTable } from './http/route-table.js';
import type { Logger } from './logger.js';
import { modules } from './modules.js';
import { EventQueues } from './queue/event-queues.js';
import { connectDatabase } from './storage/mongo.js';

export interface RunningServer {
  app: AppContext;
  httpServer: http.Server;
  /** The Koa app (tests read its routers). */
  koa: Koa;
  url: string;
  close(): Promise<void>;
}

/** The issuer of dev tokens; verification pins it so a dev token can never pass as a Clerk one. */
const devIssuer = (origin: string) => `queuetix-dev:${origin}`;

async function createIdentity(config: LoadedConfig, log: Logger): Promise<{ tokens: TokenVerifier; devTokens?: DevTokenIssuer }> {
  if (config.authMode === 'clerk') {
    // loadConfig refuses a Clerk configuration without its issuer or authorized parties.
    return { tokens: new TokenVerifier({ jwtKey: config.CLERK_JWT_KEY!, authorizedParties: config.CLERK_AUTHORIZED_PARTIES, issuer: config.CLERK_ISSUER! }) };
  }
  const keys = await loadOrCreateDevKeys(config.DATA_DIR);
  const origin = devTokenOrigin(config.PUBLIC_URL);
  log.warn('Clerk is not configured: dev sign-in is enabled (POST /api/dev/sign-in)');
  return {
    devTokens: new DevTokenIssuer(keys.privateKeyPem, devIssuer(origin), origin),
    tokens: new TokenVerifier({ jwtKey: keys.publicKeyPem, authorizedParties: [origin], issuer: devIssuer(origin) }),
  };
}

/** Until every module has started, requests are told to come back shortly (the port is bound first). */
const answerStarting: RequestListener = (_req, res) => {
  res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
  res.end(JSON.stringify({ error: { code: 'unavailable', message: 'The server is starting; try again in a moment.' } }));
};

/**
 * Builds every service of one backend process, installs the modules, and serves. The port is
 * bound first, so that PUBLIC_URL can default to the address actually listened on (PORT=0 too).
 */
export async function startServer(loaded: LoadedConfig, log: Logger): Promise<RunningServer> {
  const httpServer = http.createServer({
    // A client that dribbles its headers or body is answered 408 and cut off, not kept forever.
    requestTimeout: loaded.HTTP_REQUEST_TIMEOUT_MS,
    headersTimeout: Math.min(loaded.HTTP_HEADERS_TIMEOUT_MS, loaded.HTTP_REQUEST_TIMEOUT_MS),
    connectionsCheckingInterval: 1_000,
  });
  httpServer.keepAliveTimeout = 65_000;
  // Registered first, so that it counts each request before anything else handles it.
  const drain = new HttpDrain(httpServer);
  // One listener for the server's life: Socket.IO wraps it when it attaches, and it hands over to Koa once started.
  let handle = answerStarting;
  httpServer.on('request', (req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(loaded.PORT, loaded.HOST, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const config = withPublicUrl(loaded, { port });
  const peerServer = cluster.isWorker ? await listenForPeers(loaded.HOST, (req, res) => handle(req, res)) : undefined;

  const db = await connectDatabase(config, log);
  // As configured, not as defaulted: dev tokens must not change with the port (see devTokenOrigin).
  const identity = await createIdentity(loaded, log);
  const queues = new EventQueues({
    db: db.db,
    log: log.child({ module: 'queue' }),
    snapshotEvery: config.SNAPSHOT_EVERY,
    idleMs: config.ACTOR_IDLE_MS,
    writeDeadlineMs: config.MONGODB_WRITE_DEADLINE_MS,
  });

  // Domain modules attach their services (events, tickets) to it while they install.
  const app = {
    config,
    log,
    db,
    users: new UserRepository(db.db, config.MONGODB_WRITE_DEADLINE_MS),
    ...identity,
    queues,
    bus: new DomainBus(),
    httpServer,
    peerServer,
    httpStats: { leanRequests: 0 },
  } as AppContext;

  const instances: ModuleInstance[] = [];
  for (const module of modules) instances.push(await module.install(moduleContext(app, module.name)));
  const routes = routeTable(
    app,
    endpoints,
    instances.flatMap((i) => i.routes ?? []),
  );
  const routers: Router[] = [...instances.flatMap((i) => i.routers ?? []), routes.router];
  const { koa, listener } = createHttpApp(app, routers, routes.lean, drain);

  for (const instance of instances) await instance.start?.();
  await queues.start();
  handle = listener;

  const url = `http://127.0.0.1:${port}`;
  log.info({ url, publicUrl: config.PUBLIC_URL, authMode: config.authMode, paymentMode: config.paymentMode }, 'queuetix listening');

  return {
    app,
    httpServer,
    koa,
    url,
    async close() {
      // Refusing starts at once (health answers 503); sockets are dropped so their clients reconnect
      // elsewhere; requests already in flight get SHUTDOWN_GRACE_MS to finish before their connections are cut.
      const draining = drain.drain(config.SHUTDOWN_GRACE_MS);
      for (const instance of instances) await instance.drain?.().catch((err) => log.error({ err }, 'module drain failed'));
      if (!(await draining))
        log.warn({ pending: drain.pending, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutdown: requests still in flight after the grace period; cutting them off');
      const closing = [httpServer, ...(peerServer ? [peerServer] : [])].map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      );
      await Promise.all(closing);
      for (const instance of [...instances].reverse()) await instance.close?.().catch((err) => log.error({ err }, 'module close failed'));
      await queues.close();
      await db.close();
    },
  };
}

/** A worker's own port for calls from the other instances (the public one is shared by all workers). */
async function listenForPeers(host: string, handler: RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // exclusive: bound by this worker itself, not shared through the cluster primary.
    server.listen({ port: 0, host, exclusive: true }, () => resolve());
  });
  return server;
}
