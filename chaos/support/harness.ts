/**
 * What a fault run needs from its surroundings: backend processes it may SIGKILL and restart on
 * the same data, and a database it may stop and start. `npm run chaos` provides a fresh FerretDB
 * and its own processes (benchHarness below); the short versions in `npm test` adapt the test
 * harness (test/chaos/harness.ts).
 */
import { spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { BACKEND_NODE_FLAGS } from '../../backend/src/node-flags.js';
import { startEmbeddedDatabase } from '../../scripts/lib/embedded-database.js';
import { freePort, type FerretDbProcess } from '../../scripts/lib/ferretdb.js';
import { repoRoot } from '../../scripts/lib/tools.js';

export interface BackendProcess {
  url: string;
  pid: number;
  /** SIGKILL: no shutdown code runs, exactly like a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

export interface Harness {
  label: string;
  mongoUrl: string;
  dbName: string;
  /** DATA_DIR of every backend started here (the dev sign-in key lives there). */
  dataDir: string;
  /** The origin dev tokens are issued for (PUBLIC_URL). */
  publicUrl: string;
  /** Starts a backend on this harness's database, always on the same port, so clients just retry. */
  start(env?: Record<string, string>): Promise<BackendProcess>;
  database: { stop(): Promise<void>; start(): Promise<void> };
  close(): Promise<void>;
}

/** Environment every fault run uses: no rate limits (one machine plays every buyer), quiet logs. */
export const chaosEnv = {
  JOIN_RATE_PER_USER: '0',
  JOIN_RATE_PER_IP: '0',
  LOG_LEVEL: 'warn',
};

/** Spawns `node <BACKEND_NODE_FLAGS> --import tsx backend/src/main.ts`, logs to `logFile`, resolves once it listens. */
export async function spawnBackend(env: Record<string, string>, logFile: string, nodeArgs: string[] = []): Promise<BackendProcess> {
  const child = spawn(process.execPath, [...BACKEND_NODE_FLAGS, ...nodeArgs, '--import', 'tsx', 'backend/src/main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const waitExit = () => new Promise<void>((resolve) => (exited() ? resolve() : child.once('exit', () => resolve())));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`backend did not start within 60 s (see ${logFile})`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-2_000);
      const match = /QUEUETIX_LISTENING (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`backend exited before listening (${code ?? signal}); see ${logFile}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    async kill() {
      if (!exited()) child.kill('SIGKILL');
      await waitExit();
    },
    async stop() {
      if (!exited()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await waitExit();
      clearTimeout(timer);
    },
  };
}

/** A fresh embedded database in `dir` and backends on it, for `npm run chaos`. */
export async function benchHarness(label: string, dir: string): Promise<Harness> {
  mkdirSync(dir, { recursive: true });
  // A mkdtemp folder is 0700; as root the embedded PostgreSQL runs as the `postgres` user, who must get through.
  chmodSync(dir, 0o755);
  const db: FerretDbProcess = await startEmbeddedDatabase({ dir });
  const port = await freePort();
  const dataDir = path.join(dir, 'data');
  const publicUrl = `http://localhost:${port}`;
  const started = new Set<BackendProcess>();
  let count = 0;
  return {
    label,
    mongoUrl: db.url,
    dbName: label.replace(/[^A-Za-z0-9_-]/g, '_'),
    dataDir,
    publicUrl,
    async start(env = {}) {
      count += 1;
      const backend = await spawnBackend(
        {
          NODE_ENV: 'production',
          // Production code paths with dev sign-in (and demo payments unless a run points Stripe at
          // stripe-mock): a labelled demo, on purpose (deployment-safety.ts), as the benches run it.
          QUEUETIX_DEMO: '1',
          HOST: '127.0.0.1',
          PORT: String(port),
          PUBLIC_URL: publicUrl,
          MONGODB_URL: db.url,
          MONGODB_DB: label.replace(/[^A-Za-z0-9_-]/g, '_'),
          DATA_DIR: dataDir,
          ...chaosEnv,
          ...env,
        },
        path.join(dir, `backend-${count}.log`),
      );
      started.add(backend);
      return backend;
    },
    database: { stop: () => db.stop(), start: () => db.start() },
    async close() {
      await Promise.all([...started].map((b) => b.stop()));
      await db.stop();
    },
  };
}
