/**
 * Runs FerretDB on loopback, on PostgreSQL (`postgresqlUrl`: the embedded default, see
 * embedded-database.ts) or on SQLite files, and waits until it answers ping.
 */
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { assertPortFree, serviceProcess, stopLeftover } from './service-process.js';
import { ensureFerretDb } from './tools.js';

export interface FerretDbProcess {
  url: string;
  port: number;
  dataDir: string;
  /** Stops it (SIGTERM) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data (after stop), e.g. to end a simulated outage. */
  start(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  let lastError: unknown;
  while (Date.now() < until) {
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`FerretDB did not answer ping at ${url}: ${String(lastError)}`);
}

export interface FerretDbOptions {
  dataDir: string;
  port?: number;
  logFile?: string;
  /** Store in this PostgreSQL database instead of SQLite files (FerretDB's SQLite backend reads by table scan). */
  postgresqlUrl?: string;
  /** Its own process group (see ServiceSpec.detached). */
  detached?: boolean;
}

export async function startFerretDb(opts: FerretDbOptions): Promise<FerretDbProcess> {
  const binary = ensureFerretDb();
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const url = `mongodb://127.0.0.1:${port}/`;
  const pidFile = path.join(dataDir, 'ferretdb.pid');
  const service = serviceProcess({
    name: 'FerretDB',
    binary,
    args: [
      ...(opts.postgresqlUrl ? ['--handler=postgresql', `--postgresql-url=${opts.postgresqlUrl}`] : ['--handler=sqlite', `--sqlite-url=file:${dataDir}/`]),
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      `--state-dir=${dataDir}`,
    ],
    logFile: opts.logFile,
    detached: opts.detached,
    pidFile,
    ready: () => waitForPing(url, 20_000),
  });

  const start = async () => {
    // A copy left running on this state folder holds the port: stopped first, so the port check below is about someone else.
    await stopLeftover(pidFile, binary, 'FerretDB');
    if (opts.port) await assertPortFree(port, 'FerretDB', 'FERRETDB_PORT');
    await service.start();
  };
  await start();
  return { url, port, dataDir, stop: service.stop, start };
}
