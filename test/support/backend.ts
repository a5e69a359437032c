/**
 * Starts real backend processes (`node <BACKEND_NODE_FLAGS> --import tsx backend/src/main.ts`) for tests: own port, own
 * database name on the run's FerretDB, logs under test/.artifacts. A test that needs a crash kills
 * its process with SIGKILL and starts another on the same database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { BACKEND_NODE_FLAGS } from '../../backend/src/node-flags.js';
import { repoRoot, runDir } from './paths.js';

export interface Backend {
  url: string;
  dbName: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Where its stdout and stderr (pino's JSON lines) are written. */
  logFile: string;
  process: ChildProcess;
  /** SIGKILL: no shutdown code runs, exactly like a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

export interface BackendOptions {
  /** Database name; a fresh one per backend unless given (give the same to restart on the same data). */
  dbName?: string;
  /** Extra environment (e.g. JOIN_RATE_PER_USER=0, STRIPE_* for stripe-mock). */
  env?: Record<string, string | undefined>;
  /** Name used in the log file. */
  label?: string;
  /** How long the process may take to listen before it is given up (and killed); 30 s unless given. */
  startTimeoutMs?: number;
  /** Node arguments after the product's V8 flags that run the backend: the TypeScript sources through tsx unless given (e.g. ['backend/dist/main.js']). */
  entry?: string[];
}

const SOURCE_ENTRY = ['--import', 'tsx', 'backend/src/main.ts'];

const DEFAULT_START_TIMEOUT_MS = 30_000;

const running = new Set<Backend>();
let counter = 0;

export async function startBackend(options: BackendOptions = {}): Promise<Backend> {
  const mongoUrl = process.env.QUEUETIX_TEST_MONGODB_URL;
  if (!mongoUrl) throw new Error('QUEUETIX_TEST_MONGODB_URL unset: run tests through mocha (test/support/hooks.ts)');
  counter += 1;
  const dbName = options.dbName ?? `t${process.pid}_${counter}_${Date.now().toString(36)}`;
  const label = options.label ?? dbName;
  const dataDir = path.join(runDir, 'data');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    MONGODB_URL: mongoUrl,
    MONGODB_DB: dbName,
    DATA_DIR: dataDir,
    // Every test backend sends its mail to the run's Mailpit (test/support/hooks.ts).
    ...(process.env.QUEUETIX_TEST_SMTP_URL ? { SMTP_URL: process.env.QUEUETIX_TEST_SMTP_URL, MAIL_POLL_MS: '200' } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [...BACKEND_NODE_FLAGS, ...(options.entry ?? SOURCE_ENTRY)], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = path.join(runDir, `backend-${label}-${counter}.log`);
  const log = createWriteStream(logFile);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      // Nobody holds this child once we give up: left running it would keep its port, its database
      // connection and its Redis clients, and outlive the test run. It is dead before we say so.
      timedOut = true;
      child.stdout.off('data', onData);
      child.kill('SIGKILL');
    }, startTimeoutMs);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /QUEUETIX_LISTENING (\S+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(timedOut ? new StartTimeout(child.pid, startTimeoutMs, stderr) : new Error(`backend exited before listening (code ${code}):\n${stderr}`));
    });
  });

  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const waitExit = () => new Promise<void>((resolve) => (exited() ? resolve() : child.once('exit', () => resolve())));
  const backend: Backend = {
    url,
    dbName,
    dataDir,
    logFile,
    env,
    process: child,
    async kill() {
      running.delete(backend);
      if (!exited()) child.kill('SIGKILL');
      await waitExit();
    },
    async stop() {
      running.delete(backend);
      if (!exited()) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await waitExit();
      clearTimeout(timer);
    },
  };
  running.add(backend);
  return backend;
}

/** The backend did not listen in time; its process (pid) was killed before this was thrown. */
export class StartTimeout extends Error {
  constructor(
    readonly pid: number | undefined,
    timeoutMs: number,
    stderr: string,
  ) {
    super(`backend did not start within ${timeoutMs / 1000} s; killed it (pid ${pid}) so it does not keep running unowned:\n${stderr}`);
  }
}

/** A backend process that must refuse to start: its exit code and what it wrote to stderr. */
export async function runUntilExit(env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, SOURCE_ENTRY, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(runDir, 'data'), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stderr };
}

let shared: Promise<Backend> | undefined;

/** One backend shared by the test files that need no special configuration (rate limits off). */
export function sharedBackend(): Promise<Backend> {
  shared ??= startBackend({ label: 'shared', env: { JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' } });
  return shared;
}

export async function stopAllBackends(): Promise<void> {
  await Promise.all([...running].map((b) => b.stop()));
}
