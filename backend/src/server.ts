import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Router from '@koa/router';
import type Koa from 'koa';
import { moduleContext, type AppContext, type ModuleInstance } from './app-context.js';
import { loadOrCreateDevKeys } from './auth/dev-keys.js';
import { DevTokenIssuer } from './auth/dev-token-issuer.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { UserRepository } from './auth/user-repository.js';
import type { Config } from './config.js';
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
const devIssuer = (config: Config) => `queuetix-dev:${new URL(config.PUBLIC_URL).origin}`;

async function createIdentity(config: Config, log: Logger): Promise<{ tokens: TokenVerifier; devTokens?: DevTokenIssuer }> {
  if (config.authMode === 'clerk') {
    // loadConfig refuses a Clerk configuration without its issuer or authorized parties.
    return { tokens: new TokenVerifier({ jwtKey: config.CLERK_JWT_KEY!, authorizedParties: config.CLERK_AUTHORIZED_PARTIES, issuer: config.CLERK_ISSUER! }) };
  }
  const keys = await loadOrCreateDevKeys(config.DATA_DIR);
  const origin = new URL(config.PUBLIC_URL).origin;
  log.warn('Clerk is not configured: dev sign-in is enabled (POST /api/dev/sign-in)');
  return {
    devTokens: new DevTokenIssuer(keys.privateKeyPem, devIssuer(config), origin),
    tokens: new TokenVerifier({ jwtKey: keys.publicKeyPem, authorizedParties: [origin], issuer: devIssuer(config) }),
  };
}

/** Builds every service of one backend process, installs the modules, and listens. */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const db = await connectDatabase(config, log);
  const identity = await createIdentity(config, log);
  const queues = new EventQueues({ db: db.db, log: log.child({ module: 'queue' }), snapshotEvery: config.SNAPSHOT_EVERY, idleMs: config.ACTOR_IDLE_MS, writeDeadlineMs: config.MONGODB_WRITE_DEADLINE_MS });
  const httpServer = http.createServer({
    // A client that dribbles its headers or body is answered 408 and cut off, not kept forever.
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    headersTimeout: Math.min(config.HTTP_HEADERS_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS),
    connectionsCheckingInterval: 1_000,
  });
  httpServer.keepAliveTimeout = 65_000;

  // Domain modules attach their services (events, tickets) to it while they install.
  const app = { config, log, db, users: new UserRepository(db.db, config.MONGODB_WRITE_DEADLINE_MS), ...identity, queues, bus: new DomainBus(), httpServer } as AppContext;

  const instances: ModuleInstance[] = [];
  for (const module of modules) instances.push(await module.install(moduleContext(app, module.name)));
  const routes = routeTable(app, endpoints, instances.flatMap((i) => i.routes ?? []));
  const routers: Router[] = [...instances.flatMap((i) => i.routers ?? []), routes];
  // Registered before the app so that it counts each request before any middleware runs.
  const drain = new HttpDrain(httpServer);
  const koa = createHttpApp(app, routers, drain);
  httpServer.on('request', koa.callback());

  for (const instance of instances) await instance.start?.();
  await queues.start();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, authMode: config.authMode, paymentMode: config.paymentMode }, 'queuetix listening');

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
      if (!(await draining)) log.warn({ pending: drain.pending, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutdown: requests still in flight after the grace period; cutting them off');
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      for (const instance of [...instances].reverse()) await instance.close?.().catch((err) => log.error({ err }, 'module close failed'));
      await queues.close();
      await db.close();
    },
  };
}
