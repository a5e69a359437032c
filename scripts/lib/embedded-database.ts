/**
 * The embedded database of `npm start`, the tests and the benches: FerretDB 1.24 storing in the
 * embedded PostgreSQL (scripts/lib/embedded-postgres.ts), whose FerretDB indexes get GIN twins so
 * lookups are answered from indexes (scripts/lib/ferretdb-gin-indexes.ts, docs/database.md).
 * `sqlite` keeps FerretDB's SQLite backend, which reads every query by table scan: the baseline the
 * database-lookups bench measures the default against.
 */
import path from 'node:path';
import { startPostgres, withDatabase, type PostgresProcess } from './embedded-postgres.js';
import { installGinTwins } from './ferretdb-gin-indexes.js';
import { freePort, startFerretDb, type FerretDbProcess } from './ferretdb.js';

/** The PostgreSQL database FerretDB keeps everything in (each MongoDB database is a schema in it). */
const FERRETDB_DATABASE = 'ferretdb';

export type EmbeddedBacking = 'postgresql' | 'sqlite';

export interface EmbeddedDatabaseOptions {
  /** Holds `postgresql/` (the cluster) and `ferretdb/` (FerretDB's state, or its SQLite files). */
  dir: string;
  /** Where the two servers' logs go; `dir` unless given. */
  logDir?: string;
  backing?: EmbeddedBacking;
  /** Free ports unless given. */
  ferretDbPort?: number;
  postgresPort?: number;
  /** Throwaway data (a test run): PostgreSQL skips fsync. */
  ephemeral?: boolean;
  /** Both servers in their own process group (see ServiceSpec.detached). */
  detached?: boolean;
}

export interface EmbeddedDatabase extends FerretDbProcess {
  /** The PostgreSQL under it (absent on SQLite). */
  postgres?: PostgresProcess;
}

export async function startEmbeddedDatabase(opts: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const logDir = opts.logDir ?? opts.dir;
  const ferretFiles = {
    dataDir: path.join(opts.dir, 'ferretdb'),
    port: opts.ferretDbPort,
    logFile: path.join(logDir, 'ferretdb.log'),
    detached: opts.detached,
  };
  if (opts.backing === 'sqlite') return startFerretDb(ferretFiles);

  const postgres = await startPostgres({
    dataDir: path.join(opts.dir, 'postgresql'),
    port: opts.postgresPort ?? (await freePort()),
    logFile: path.join(logDir, 'postgresql.log'),
    ephemeral: opts.ephemeral,
    detached: opts.detached,
    portVariable: opts.postgresPort ? 'EMBEDDED_POSTGRES_PORT' : undefined,
  });
  let ferret: FerretDbProcess;
  try {
    await withDatabase(postgres, FERRETDB_DATABASE, installGinTwins);
    ferret = await startFerretDb({ ...ferretFiles, postgresqlUrl: postgres.url(FERRETDB_DATABASE) });
  } catch (err) {
    await postgres.stop();
    throw err;
  }
  return {
    ...ferret,
    postgres,
    // An outage of the database is both servers down; coming back, PostgreSQL first.
    async stop() {
      await ferret.stop();
      await postgres.stop();
    },
    async start() {
      await postgres.start();
      await ferret.start();
    },
  };
}
