/**
 * Entry point that uses every core: WORKERS backend instances (default: the cores this process may
 * use) in one node:cluster, sharing the public port (connections handed out round robin) and the
 * events through the existing leases. Each worker is a full instance (main.ts): it answers what it
 * can, admits a buyer's joins for events another worker runs and sends them there in batches, and
 * reaches the others on its own peer port. Pushes cross workers through the Redis adapter, so more
 * than one worker needs REDIS_URL; without it this runs one instance and says why.
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import os from 'node:os';

const RESTART_DELAY_MS = 1_000;

function workerCount(raw: string | undefined): number {
  if (raw === undefined || raw === '') return os.availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    process.stderr.write(`WORKERS must be a whole number from 1 to 256 (got ${JSON.stringify(raw)})\n`);
    process.exit(78); // EX_CONFIG
  }
  return n;
}

function supervise(count: number): void {
  let stopping = false;
  // A proof-of-work challenge issued by one worker is checked by another: without a configured key
  // (POW_HMAC_KEY, or one derived from CLUSTER_SECRET) each would draw its own and refuse the others'.
  const sharedPowKey = process.env.POW_HMAC_KEY || process.env.CLUSTER_SECRET ? {} : { POW_HMAC_KEY: randomBytes(32).toString('hex') };
  const fork = () => cluster.fork({ WORKER_COUNT: String(count), ...sharedPowKey });
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A crashed instance is replaced; its events are taken over by the others once its leases run out.
    process.stderr.write(`queuetix worker ${worker.process.pid} exited (${signal ?? code}); starting another\n`);
    setTimeout(fork, RESTART_DELAY_MS);
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(0);
    // Each worker drains as a lone instance would (main.ts): requests in flight finish, leases go back.
    for (const worker of alive) worker?.process.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

const count = cluster.isPrimary ? workerCount(process.env.WORKERS) : 1;
if (cluster.isPrimary && count > 1 && process.env.REDIS_URL) {
  supervise(count);
} else {
  if (cluster.isPrimary && count > 1) {
    process.stderr.write(`WORKERS=${count} needs REDIS_URL (pushes cross instances through Redis): running one instance\n`);
  }
  void import('./main.js');
}
