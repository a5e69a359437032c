/**
 * `npm start`: the whole product on embedded defaults at http://localhost:3000 — FerretDB as the
 * database (unless MONGODB_URL is set), seeded demo events, dev sign-in and demo payments (unless
 * Clerk/Stripe keys are set), the Vue site and the widget built and served by the backend.
 */
import { spawn, execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { startFerretDb, type FerretDbProcess } from './lib/ferretdb.js';
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

async function main(): Promise<void> {
  build();
  let db: FerretDbProcess | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, SEED_DEMO: process.env.SEED_DEMO ?? 'true' };
  if (!process.env.MONGODB_URL) {
    db = await startFerretDb({
      dataDir: path.join(dataDir, 'ferretdb'),
      port: Number(process.env.FERRETDB_PORT ?? 27027),
      logFile: path.join(dataDir, 'ferretdb.log'),
    });
    env.MONGODB_URL = db.url;
    console.error(`[start] embedded FerretDB on ${db.url} (data in ${path.relative(repoRoot, db.dataDir)})`);
  }
  let mail: MailpitProcess | undefined;
  if (!process.env.SMTP_URL) {
    mail = await startMailpit({
      smtpPort: Number(process.env.MAILPIT_SMTP_PORT ?? 1025),
      httpPort: Number(process.env.MAILPIT_HTTP_PORT ?? 8025),
      logFile: path.join(dataDir, 'mailpit.log'),
    });
    env.SMTP_URL = mail.smtpUrl;
    console.error(`[start] embedded Mailpit: every message the product sends is in the inbox at ${mail.httpUrl.replace('127.0.0.1', 'localhost')}`);
  }
  // One instance per core (WORKERS, default: the cores available); they share pushes through Redis.
  let redis: RedisProcess | undefined;
  const workers = Number(process.env.WORKERS || os.availableParallelism());
  const redisServer = workers > 1 && !process.env.REDIS_URL ? findRedisServer() : undefined;
  if (redisServer) {
    redis = await startRedis(redisServer, path.join(dataDir, 'redis.log'));
    env.REDIS_URL = redis.url;
    console.error(`[start] ${workers} backend instances (WORKERS), sharing events through leases and pushes through a private Redis on ${redis.url}`);
  } else if (workers > 1 && !process.env.REDIS_URL) {
    console.error('[start] no redis-server on this machine and REDIS_URL unset: one backend instance (install Redis or set REDIS_URL to use every core)');
  }
  const backend = spawn(process.execPath, ['--import', 'tsx', 'backend/src/workers.ts'], { cwd: repoRoot, env, stdio: 'inherit' });
  const shutdown = (signal: NodeJS.Signals) => backend.kill(signal);
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  backend.on('exit', async (code) => {
    await db?.stop();
    await mail?.stop();
    await redis?.stop();
    process.exit(code ?? 0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
