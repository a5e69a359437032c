/**
 * `npm start`: the whole product on embedded defaults at http://localhost:3000 — FerretDB on the
 * embedded PostgreSQL as the database (unless MONGODB_URL is set; docs/database.md), seeded demo events, dev sign-in and demo payments (unless
 * Clerk/Stripe keys are set), the Vue site and the widget built and served by the backend.
 */
import { spawn, execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { BACKEND_NODE_FLAGS } from '../backend/src/node-flags.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './lib/embedded-database.js';
import { startMailpit, type MailpitProcess } from './lib/mailpit.js';
import { findRedisServer, startRedis, type RedisProcess } from './lib/redis.js';
import { repoRoot } from './lib/tools.js';

const dataDir = path.resolve(repoRoot, process.env.DATA_DIR ?? '.data');

function build(): void {
  if (process.env.QUEUETIX_SKIP_BUILD === '1') return;
  console.error('[start] building the site and the widget…');
  // The backend runs from its TypeScript sources here (tsx); only production runs backend/dist.
  execFileSync('npm', ['run', 'build', '-w', '@queuetix/frontend', '-w', '@queuetix/widget'], { cwd: repoRoot, stdio: 'inherit' });
}

let db: EmbeddedDatabase | undefined;
let mail: MailpitProcess | undefined;
let redis: RedisProcess | undefined;

/** The servers run in their own process group, so they outlive a Ctrl-C until the backend has drained. */
async function stopServers(): Promise<void> {
  await db?.stop();
  await mail?.stop();
  await redis?.stop();
}

async function main(): Promise<void> {
  build();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, SEED_DEMO: process.env.SEED_DEMO ?? 'true' };
  if (!process.env.MONGODB_URL) {
    db = await startEmbeddedDatabase({
      dir: dataDir,
      backing: process.env.EMBEDDED_DATABASE === 'sqlite' ? 'sqlite' : 'postgresql',
      ferretDbPort: Number(process.env.FERRETDB_PORT ?? 27027),
      postgresPort: Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329),
      detached: true,
    });
    env.MONGODB_URL = db.url;
    const where = db.postgres
      ? `PostgreSQL on 127.0.0.1:${db.postgres.port}, data in ${path.relative(repoRoot, db.postgres.dataDir) || db.postgres.dataDir}`
      : `SQLite in ${path.relative(repoRoot, db.dataDir)}`;
    console.error(`[start] embedded FerretDB on ${db.url} (${where})`);
  }
  if (!process.env.SMTP_URL) {
    mail = await startMailpit({
      smtpPort: Number(process.env.MAILPIT_SMTP_PORT ?? 1025),
      httpPort: Number(process.env.MAILPIT_HTTP_PORT ?? 8025),
      logFile: path.join(dataDir, 'mailpit.log'),
      detached: true,
      pidFile: path.join(dataDir, 'mailpit.pid'),
    });
    env.SMTP_URL = mail.smtpUrl;
    console.error(`[start] embedded Mailpit: every message the product sends is in the inbox at ${mail.httpUrl.replace('127.0.0.1', 'localhost')}`);
  }
  // One instance per core (WORKERS, default: the cores available); they share pushes through Redis.
  const workers = Number(process.env.WORKERS || os.availableParallelism());
  const redisServer = workers > 1 && !process.env.REDIS_URL ? findRedisServer() : undefined;
  if (redisServer) {
    redis = await startRedis(redisServer, path.join(dataDir, 'redis.log'));
    env.REDIS_URL = redis.url;
    console.error(`[start] ${workers} backend instances (WORKERS), sharing events through leases and pushes through a private Redis on ${redis.url}`);
  } else if (workers > 1 && !process.env.REDIS_URL) {
    console.error('[start] no redis-server on this machine and REDIS_URL unset: one backend instance (install Redis or set REDIS_URL to use every core)');
  }
  const backend = spawn(process.execPath, [...BACKEND_NODE_FLAGS, '--import', 'tsx', 'backend/src/workers.ts'], { cwd: repoRoot, env, stdio: 'inherit' });
  // A Ctrl-C reaches the backend itself (same process group); a SIGTERM or a closed terminal is passed on.
  process.on('SIGINT', () => undefined);
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, () => backend.kill('SIGTERM'));
  backend.on('exit', async (code) => {
    await stopServers();
    process.exit(code ?? 0);
  });
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await stopServers().catch(() => undefined);
  process.exit(1);
});
