import { z } from 'zod';
import { DEFAULT_WRITE_DEADLINE_MS } from './storage/deadline.js';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const optionalString = z.string().trim().min(1).optional();
const commaList = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []));

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The public origin buyers reach us at; used in checkout return URLs and token issuers. */
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where local state lives: the dev sign-in key, FerretDB's embedded data. */
  DATA_DIR: z.string().default('.data'),

  MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/).default('queuetix'),
  /** How long a request waits for the database before answering 503. */
  MONGODB_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /** The longest a journal batch or a batch of new users may take before the write counts as failed (503). */
  MONGODB_WRITE_DEADLINE_MS: z.coerce.number().int().min(1_000).max(120_000).default(DEFAULT_WRITE_DEADLINE_MS),
  REDIS_URL: optionalString,
  /** Prefix of every Redis key and pub/sub channel, so several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_:.-]{1,60}$/).default('queuetix'),
  /** Scale-out (REDIS_URL set = several instances): how long an event's lease lasts without renewal. */
  LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
  /** The URL other instances reach this one at (default: this host's address and listening port). */
  INTERNAL_URL: z.url().optional(),
  /** Shared by the instances to authenticate internal calls (default: generated once, kept in the database). */
  CLUSTER_SECRET: z.string().min(16).optional(),

  CLERK_SECRET_KEY: optionalString,
  CLERK_PUBLISHABLE_KEY: optionalString,
  /** PEM public key for networkless verification of Clerk session tokens. */
  CLERK_JWT_KEY: optionalString,
  CLERK_AUTHORIZED_PARTIES: commaList,

  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  /** Points the Stripe SDK elsewhere (stripe-mock in tests), e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: z.url().optional(),
  PLATFORM_FEE_PERCENT: z.coerce.number().min(0).max(100).default(1),

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

  /** Journal entries between snapshots of an event actor. */
  SNAPSHOT_EVERY: z.coerce.number().int().min(10).default(5_000),
  /** Stop an event's actor after this long with nothing live (0 = never). */
  ACTOR_IDLE_MS: z.coerce.number().int().min(0).default(10 * 60_000),

  FRONTEND_DIST: z.string().default('frontend/dist'),
  WIDGET_DIST: z.string().default('widget/dist'),
  WIDGET_DEMO_DIR: z.string().default('widget/demo'),
  /** Seed demo events and users on an empty database (the README's start command). */
  SEED_DEMO: flag.default(false),
});

export type Config = z.infer<typeof ConfigSchema> & {
  authMode: 'clerk' | 'dev';
  paymentMode: 'stripe' | 'demo';
};

export class ConfigError extends Error {}

/** Reads and validates every variable once; throws a ConfigError naming each bad one. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.CLERK_SECRET_KEY && !c.CLERK_JWT_KEY) {
    throw new ConfigError('Invalid configuration: CLERK_JWT_KEY is required with CLERK_SECRET_KEY (networkless verification)');
  }
  if (c.STRIPE_SECRET_KEY && !c.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError('Invalid configuration: STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY');
  }
  return {
    ...c,
    authMode: c.CLERK_JWT_KEY ? 'clerk' : 'dev',
    paymentMode: c.STRIPE_SECRET_KEY ? 'stripe' : 'demo',
  };
}
