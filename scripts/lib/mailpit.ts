/** Runs Mailpit (SMTP + HTTP API, messages in memory) on loopback and waits until its API answers. */
import { freePort } from './ferretdb.js';
import { serviceProcess } from './service-process.js';
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
  /** Its own process group (see ServiceSpec.detached). */
  detached?: boolean;
  /** Where its pid is kept while it runs (see ServiceSpec.pidFile): for fixed ports, which a copy left running would hold. */
  pidFile?: string;
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
  const service = serviceProcess({
    name: 'Mailpit',
    binary,
    args: [
      `--smtp=127.0.0.1:${smtpPort}`,
      `--listen=127.0.0.1:${httpPort}`,
      '--smtp-auth-accept-any',
      '--smtp-auth-allow-insecure',
      '--disable-version-check',
      `--max=${opts.max ?? 5000}`,
      '--quiet',
    ],
    logFile: opts.logFile,
    detached: opts.detached,
    pidFile: opts.pidFile,
    ready: () => waitForApi(httpUrl, 20_000),
  });

  await service.start();
  return { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, httpUrl, smtpPort, stop: service.stop, start: service.start };
}
