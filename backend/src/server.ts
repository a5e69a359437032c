import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Router from '@koa/router';
import type { AppContext } from './app-context.js';
import { loadOrCreateDevKeys } from './auth/dev-keys.js';
import { DevTokenIssuer } from './auth/dev-token-issuer.js';
import { authRoutes } from './auth/routes.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { UserRepository } from './auth/user-repository.js';
import type { Config } from './config.js';
import { createHttpApp } from './http/app.js';
import type { Logger } from './logger.js';
import { connectDatabase } from './storage/mongo.js';

export interface RunningServer {
  app: AppContext;
  httpServer: http.Server;
  url: string;
  close(): Promise<void>;
}

/** The issuer of dev tokens; verification pins it so a dev token can never pass as a Clerk one. */
const devIssuer = (config: Config) => `queuetix-dev:${new URL(config.PUBLIC_URL).origin}`;

/** Builds every service of one backend process, mounts the API and listens. */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const db = await connectDatabase(config, log);

  let tokens: TokenVerifier;
  let devTokens: DevTokenIssuer | undefined;
  if (config.authMode === 'clerk') {
    tokens = new TokenVerifier({ jwtKey: config.CLERK_JWT_KEY!, authorizedParties: config.CLERK_AUTHORIZED_PARTIES });
  } else {
    const keys = await loadOrCreateDevKeys(config.DATA_DIR);
    const origin = new URL(config.PUBLIC_URL).origin;
    devTokens = new DevTokenIssuer(keys.privateKeyPem, devIssuer(config), origin);
    tokens = new TokenVerifier({ jwtKey: keys.publicKeyPem, authorizedParties: [origin], issuer: devIssuer(config) });
    log.warn('Clerk is not configured: dev sign-in is enabled (POST /api/dev/sign-in)');
  }

  const app: AppContext = { config, log, db, users: new UserRepository(db.db), tokens, devTokens };

  const routers: Router[] = [authRoutes(app)];
  const koa = createHttpApp(app, routers);
  const httpServer = http.createServer(koa.callback());
  httpServer.keepAliveTimeout = 65_000;

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
    url,
    async close() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await db.close();
    },
  };
}
