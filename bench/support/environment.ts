/** Starts what a bench section needs on loopback: a fresh embedded database and real backend processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase, type EmbeddedBacking } from '../../scripts/lib/embedded-database.js';
import type { FerretDbProcess } from '../../scripts/lib/ferretdb.js';
import { repoRoot } from '../../scripts/lib/tools.js';
import { DevTokenIssuer } from '../../backend/src/auth/dev-token-issuer.js';
import { BACKEND_NODE_FLAGS } from '../../backend/src/node-flags.js';
import { cpuSeconds } from './proc-stat.js';

export interface BenchBackend {
  url: string;
  pid: number;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export function scratchDir(label: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `queuetix-bench-${label}-`));
  // mkdtemp makes it 0700; as root the embedded PostgreSQL runs as the `postgres` user, who must get through.
  chmodSync(dir, 0o755);
  return dir;
}

export type DatabaseBacking = EmbeddedBacking;

/**
 * A fresh embedded database in `dir`: FerretDB on the embedded PostgreSQL by default, as `npm start`
 * and the tests run it; `sqlite` for FerretDB's SQLite backend (reads by table scan), the old default,
 * kept as a baseline.
 */
export function startDatabase(dir: string, backing: DatabaseBacking = 'postgresql'): Promise<FerretDbProcess> {
  return startEmbeddedDatabase({ dir, backing });
}

/** Spawns `node` on a script with env; resolves when it prints its listening line. */
export async function spawnServer(args: string[], env: Record<string, string>, marker = /QUEUETIX_LISTENING (\S+)/): Promise<BenchBackend> {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = marker.exec(out);
      if (m) resolve(m[1]!);
      if (out.length > 100_000) out = out.slice(-1000);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const wait = () => new Promise<void>((r) => (exited() ? r() : child.once('exit', () => r())));
  return {
    url,
    pid: child.pid!,
    dataDir: env.DATA_DIR ?? '',
    child,
    async stop() {
      if (!exited()) child.kill('SIGTERM');
      await wait();
    },
    async kill() {
      if (!exited()) child.kill('SIGKILL');
      await wait();
    },
  };
}

/** The baseline: a bare Koa JSON endpoint, with the same V8 settings as the backend it is compared with. */
export function startBareKoa(): Promise<BenchBackend> {
  return spawnServer([...BACKEND_NODE_FLAGS, '--import', 'tsx', 'bench/support/bare-koa.ts'], {});
}

export function startBackend(opts: { mongoUrl: string; dbName: string; dataDir: string; env?: Record<string, string> }): Promise<BenchBackend> {
  // BENCH_CPU_PROF=<dir> profiles the backend (node --cpu-prof; summarise with bench/support/cpu-profile-summary.ts).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  return spawnServer([...profile, ...BACKEND_NODE_FLAGS, '--import', 'tsx', 'backend/src/main.ts'], {
    NODE_ENV: 'production',
    // Production code paths with dev sign-in and demo payments: a labelled demo, on purpose (deployment-safety.ts).
    QUEUETIX_DEMO: '1',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MONGODB_URL: opts.mongoUrl,
    MONGODB_DB: opts.dbName,
    DATA_DIR: opts.dataDir,
    JOIN_RATE_PER_USER: '0',
    JOIN_RATE_PER_IP: '0',
    // Every simulated watcher's socket comes from this one machine.
    SOCKET_CONNECTIONS_PER_IP: '0',
    SOCKET_CONNECT_RATE_PER_IP: '0',
    // e.g. a heap size, or other V8 settings to compare on the same bench (command-line flags win over these).
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    ...opts.env,
  });
}

/** Resident set size of a process, from /proc (bytes). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

/** CPU time (user + system) a process has used so far, in microseconds. */
export function cpuOf(pid: number): number {
  return cpuSeconds(pid) * 1e6;
}

/** Dev tokens made in advance with the backend's own key (what POST /api/dev/sign-in returns). */
export async function mintTokens(dataDir: string, count: number, prefix: string): Promise<string[]> {
  const pem = readFileSync(path.join(dataDir, 'dev-jwt-private-key.pem'), 'utf8');
  const issuer = new DevTokenIssuer(pem, 'queuetix-dev:http://localhost:3000', 'http://localhost:3000');
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push(await issuer.issue({ id: `${prefix}_${i}`, name: `Bench ${i}`, role: 'buyer' }));
  return tokens;
}

export async function json(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<any> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** A published event for a bench, created through the API by `token`'s seller; `extra` adds fields (e.g. powMode). */
export const newEvent = async (url: string, token: string, tickets: number, extra: Record<string, unknown> = {}) =>
  (
    await json(`${url}/api/events`, {
      method: 'POST',
      token,
      body: {
        name: 'Bench',
        description: 'bench',
        location: 'Loopback',
        eventDate: new Date(Date.now() + 86_400_000).toISOString(),
        price: 1000,
        totalTickets: tickets,
        maxPerBuyer: 1,
        offerWindowSec: 600,
        ...extra,
      },
    })
  ).id as string;
