/** Runs Mailpit (SMTP + HTTP API, messages in memory) on loopback and waits until its API answers. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './ferretdb.js';
import { ensureMailpit } from './tools.js';

export interface MailpitProcess {
  /** For SMTP_URL: smtp://127.0.0.1:<port> */
  smtpUrl: string;
  /** The web inbox and its API (/api/v1/...). */
  httpUrl: string;
  smtpPort: number;
  /** Stops it (SIGTERM) and waits; messages kept in memory are gone. */
  stop(): Promise<void>;
  /** Starts it again on the same ports (after stop), e.g. to end a simulated SMTP outage. */
  start(): Promise<void>;
}

export interface MailpitOptions {
  smtpPort?: number;
  httpPort?: number;
  logFile?: string;
  /** Messages kept before the oldest are dropped (Mailpit's default is 500). */
  max?: number;
}

async function waitForApi(url: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${url}/api/v1/info`);
      if (res.ok) return;
      lastError = new Error(`HTTP ${res.status}`);
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Mailpit did not answer at ${url}: ${String(lastError)}`);
}

export async function startMailpit(opts: MailpitOptions = {}): Promise<MailpitProcess> {
  const binary = ensureMailpit();
  const smtpPort = opts.smtpPort ?? (await freePort());
  const httpPort = opts.httpPort ?? (await freePort());
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  let child: ChildProcess | undefined;

  const start = async () => {
    if (opts.logFile) mkdirSync(path.dirname(opts.logFile), { recursive: true });
    const out = opts.logFile ? openSync(opts.logFile, 'a') : 'ignore';
    child = spawn(
      binary,
      [
        `--smtp=127.0.0.1:${smtpPort}`,
        `--listen=127.0.0.1:${httpPort}`,
        '--smtp-auth-accept-any',
        '--smtp-auth-allow-insecure',
        '--disable-version-check',
        `--max=${opts.max ?? 5000}`,
        '--quiet',
      ],
      { stdio: ['ignore', out, out] },
    );
    const exited = new Promise<never>((_, reject) => child!.once('exit', (code) => reject(new Error(`Mailpit exited early (code ${code})`))));
    exited.catch(() => undefined);
    await Promise.race([waitForApi(httpUrl, 20_000), exited]);
  };

  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 5_000).unref();
    });
  };

  await start();
  return { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, httpUrl, smtpPort, stop, start };
}
