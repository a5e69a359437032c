import type { DevTokenIssuer } from './auth/dev-token-issuer.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { UserRepository } from './auth/user-repository.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Database } from './storage/mongo.js';

/**
 * The services one backend process runs, built once in server.ts and handed to route factories.
 * Domain modules add their service here (events, queue actors, payments, realtime).
 */
export interface AppContext {
  config: Config;
  log: Logger;
  db: Database;
  users: UserRepository;
  tokens: TokenVerifier;
  /** Present only when Clerk is not configured. */
  devTokens?: DevTokenIssuer;
}
