import { z } from 'zod';
import { deploymentProblems } from './deployment-safety.js';
import { DEFAULT_WRITE_DEADLINE_MS } from './storage/deadline.js';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const optionalString = z.string().trim().min(1).optional();
const commaList = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * The public origin buyers reach us at; used in checkout return URLs and token issuers. Default:
   * the address the server listens on (so a changed PORT keeps every link working).
   */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where local state lives: the dev sign-in key, FerretDB's embedded data. */
  DATA_DIR: z.string().default('.data'),

  MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/)
    .default('queuetix'),
  /** How long a request waits for the database before answering 503. */
  MONGODB_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /** The longest a journal batch or a batch of new users may take before the write counts as failed (503). */
  MONGODB_WRITE_DEADLINE_MS: z.coerce.number().int().min(1_000).max(120_000).default(DEFAULT_WRITE_DEADLINE_MS),
  REDIS_URL: optionalString,
  /** Prefix of every Redis key and pub/sub channel, so several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,60}$/)
    .default('queuetix'),
  /** Scale-out (REDIS_URL set = several instances): how long an event's lease lasts without renewal. */
  LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
  /** The URL other instances reach this one at (default: this host's address and listening port). */
  INTERNAL_URL: z.url().optional(),
  /** Shared by the instances to authenticate internal calls (default: generated once, kept in the database). */
  CLUSTER_SECRET: z.string().min(16).optional(),
  /** Backend processes behind the one port (read by workers.ts, the entry point; default: the cores available). */
  WORKERS: z.coerce.number().int().min(1).max(256).optional(),
  /**
   * Batched forwarding: a buyer's join or leave for an event another instance runs is admitted here
   * (token, limits, validation) and sent to the owner with others, at most this many per internal
   * request (0 = forward each request whole, as before) and after waiting at most FORWARD_BATCH_MS.
   */
  FORWARD_BATCH_MAX: z.coerce.number().int().min(0).max(2_000).default(500),
  FORWARD_BATCH_MS: z.coerce.number().int().min(0).max(100).default(3),

  CLERK_SECRET_KEY: optionalString,
  CLERK_PUBLISHABLE_KEY: optionalString,
  /** PEM public key for networkless verification of Clerk session tokens. */
  CLERK_JWT_KEY: optionalString,
  /** The `iss` of this Clerk application's session tokens (its Frontend API URL): a token of another Clerk app is refused. */
  CLERK_ISSUER: z.url().optional(),
  /** Origins allowed as a token's `azp` (the site's own origin). */
  CLERK_AUTHORIZED_PARTIES: commaList,

  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  /** Points the Stripe SDK elsewhere (stripe-mock in tests), e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: z.url().optional(),
  PLATFORM_FEE_PERCENT: z.coerce.number().min(0).max(100).default(1),

  /** Outgoing mail (order confirmations, "it's your turn", refund notices): smtp:// or smtps:// URL. Unset: messages wait in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of every message, e.g. "Queuetix <tickets@example.com>". */
  MAIL_FROM: z.string().trim().min(3).default('Queuetix <tickets@queuetix.localhost>'),
  /** How often the outbox worker looks for messages due. */
  MAIL_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** How long one worker holds a message it is sending; SMTP timeouts are set below it. After a crash, the wait before another instance sends it. */
  MAIL_CLAIM_MS: z.coerce.number().int().min(1_000).max(600_000).default(90_000),
  /** Attempts before a message is marked failed for the operator. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),

  /** A client must send a whole request within this long (else 408 and the socket is closed: slowloris). */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
  /** ...and its headers within this long. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(20_000),

  JOIN_RATE_PER_USER: z.coerce.number().int().min(0).default(10),
  JOIN_RATE_PER_IP: z.coerce.number().int().min(0).default(300),
  /** Proof-of-work on join (docs/fairness.md): HMAC key of the challenges (share it between instances). */
  POW_HMAC_KEY: z.string().min(16).optional(),
  /** Challenge difficulty: the solution is uniform in [0, POW_MAX_NUMBER]; 100,000 is about 1 s on a mid-range phone. */
  POW_MAX_NUMBER: z.coerce.number().int().min(10).max(10_000_000).default(100_000),
  POW_CHALLENGE_TTL_SEC: z.coerce.number().int().min(10).max(3_600).default(120),
  /** With mode auto, proofs are required while this many wait in line, or joins arrive this fast. */
  POW_AUTO_WAITING: z.coerce.number().int().min(0).default(1_000),
  POW_AUTO_JOINS_PER_SEC: z.coerce.number().min(0).default(20),
  TRUST_PROXY: flag.default(false),
  /**
   * How many proxies of ours stand in front (each appends to X-Forwarded-For): the client address is
   * the entry that many hops from the right; entries further left are the client's own to invent.
   * TRUST_PROXY=true alone means one hop.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** At SIGTERM: how long requests already in flight may take to finish before the process exits anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Socket.IO: open connections one client address may hold at once (0 = no limit; carrier NAT puts many buyers behind one). */
  SOCKET_CONNECTIONS_PER_IP: z.coerce.number().int().min(0).default(500),
  /** Socket.IO: new connections one client address may open per minute (0 = no limit). */
  SOCKET_CONNECT_RATE_PER_IP: z.coerce.number().int().min(0).default(600),
  /** Socket.IO: watch/unwatch messages one connection may send per 10 seconds (0 = no limit). */
  SOCKET_WATCH_RATE: z.coerce.number().int().min(0).default(100),

  /** Journal entries between snapshots of an event actor. */
  SNAPSHOT_EVERY: z.coerce.number().int().min(10).default(5_000),
  /** Stop an event's actor after this long with nothing live (0 = never). */
  ACTOR_IDLE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 60_000),

  FRONTEND_DIST: z.string().default('frontend/dist'),
  WIDGET_DIST: z.string().default('widget/dist'),
  WIDGET_DEMO_DIR: z.string().default('widget/demo'),
  /** Seed demo events and users on an empty database (the README's start command). */
  SEED_DEMO: flag.default(false),
  /**
   * The operator's explicit "this is a demo": lets NODE_ENV=production start without Clerk and/or
   * Stripe (dev sign-in, demo payments), with the demo banner on every page and in the widget.
   */
  QUEUETIX_DEMO: flag.default(false),
});

export type ConfigValues = z.infer<typeof ConfigSchema>;

/** Every variable the backend reads (docker-compose.yml and .env.example are checked against it). */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape) as Array<keyof ConfigValues>;

/** The configuration as the server uses it: PUBLIC_URL resolved (see withPublicUrl). */
export type Config = Omit<ConfigValues, 'PUBLIC_URL'> & {
  PUBLIC_URL: string;
  authMode: 'clerk' | 'dev';
  paymentMode: 'stripe' | 'demo';
  /** Dev sign-in, demo payments or QUEUETIX_DEMO: every page and the widget say so. */
  demo: boolean;
  /** Proxy hops whose X-Forwarded-For entries are trusted (TRUST_PROXY_HOPS, or 1 for TRUST_PROXY=true). */
  proxyHops: number;
};

/** The configuration as read: PUBLIC_URL may be unset until the server knows the port it listens on. */
export type LoadedConfig = Omit<Config, 'PUBLIC_URL'> & { PUBLIC_URL?: string };

export class ConfigError extends Error {}

/** Reads and validates every variable once; throws a ConfigError naming each bad one. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  // An empty variable (`FOO=` in an env file, `${FOO:-}` in compose) counts as unset.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = ConfigSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const problems = deploymentProblems(c);
  if (problems.length) throw new ConfigError(`Refusing to start: ${problems.join('; ')}. See .env.example.`);
  const authMode = c.CLERK_JWT_KEY ? 'clerk' : 'dev';
  const paymentMode = c.STRIPE_SECRET_KEY ? 'stripe' : 'demo';
  const disagreement = publicUrlDisagreement(c);
  if (disagreement) throw new ConfigError(`Invalid configuration: ${disagreement}`);
  return {
    ...c,
    authMode,
    paymentMode,
    demo: c.QUEUETIX_DEMO || authMode === 'dev' || paymentMode === 'demo',
    proxyHops: c.TRUST_PROXY_HOPS || (c.TRUST_PROXY ? 1 : 0),
  };
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * A PUBLIC_URL on this very machine must name the port we listen on: without a proxy in front
 * (TRUST_PROXY=false) nothing else answers there, and every checkout, onboarding and ticket link
 * would lead nowhere. (PORT=0 picks a port at start: PUBLIC_URL then names whatever fronts it.)
 */
function publicUrlDisagreement(c: { PUBLIC_URL?: string; PORT: number; TRUST_PROXY: boolean; TRUST_PROXY_HOPS: number }): string | undefined {
  if (!c.PUBLIC_URL || c.PORT === 0 || c.TRUST_PROXY || c.TRUST_PROXY_HOPS > 0) return undefined;
  const url = new URL(c.PUBLIC_URL);
  if (!LOOPBACK.test(url.hostname)) return undefined;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (port === c.PORT) return undefined;
  const fixed = new URL(c.PUBLIC_URL);
  fixed.port = String(c.PORT);
  return (
    `PUBLIC_URL (${c.PUBLIC_URL}) points at port ${port} of this machine, but the server listens on PORT=${c.PORT}, ` +
    `so checkout, onboarding and ticket links would lead nowhere. Set PUBLIC_URL=${fixed.origin}, leave PUBLIC_URL unset ` +
    `(it then follows PORT), or set TRUST_PROXY=true if a proxy on port ${port} forwards to this server.`
  );
}

/** PUBLIC_URL as configured, else the address the server is listening on (localhost when it listens on every interface). */
export function withPublicUrl(config: LoadedConfig, listening: { port: number }): Config {
  if (config.PUBLIC_URL) return { ...config, PUBLIC_URL: config.PUBLIC_URL };
  const wildcard = config.HOST === '0.0.0.0' || config.HOST === '::' || config.HOST === '';
  const host = wildcard ? 'localhost' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return { ...config, PUBLIC_URL: `http://${host}:${listening.port}` };
}
