/**
 * Mocha root hooks: one fresh embedded database (FerretDB on the embedded PostgreSQL) for the whole
 * run, and every backend process a test started is stopped at the end, whatever happened.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../scripts/lib/embedded-database.js';
import { startMailpit, type MailpitProcess } from '../../scripts/lib/mailpit.js';
import { alive, stopLeftover } from '../../scripts/lib/service-process.js';
import { artifactsDir, runDir } from './paths.js';
import { stopAllBackends } from './backend.js';

let database: EmbeddedDatabase | undefined;
let mailpit: MailpitProcess | undefined;
/** Databases of their own for the tests that take their database down (outageDatabase). */
const outageDatabases: EmbeddedDatabase[] = [];

/**
 * A run killed with SIGKILL (no teardown) leaves its PostgreSQL running on its run folder: stop every
 * such server whose mocha process is gone, so they do not pile up.
 */
async function stopLeftoverRuns(): Promise<void> {
  for (const entry of readdirSync(artifactsDir)) {
    const pid = Number(/^run-(\d+)-/.exec(entry)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    for (const folder of readdirSync(path.join(artifactsDir, entry)).filter((name) => name.startsWith('database'))) {
      const cluster = path.join(artifactsDir, entry, folder, 'postgresql');
      await stopLeftover(path.join(cluster, 'postmaster.pid'), cluster, 'postgres', 'SIGINT');
    }
  }
}

export async function mochaGlobalSetup(): Promise<void> {
  await stopLeftoverRuns();
  database = await startEmbeddedDatabase({ dir: path.join(runDir, 'database'), logDir: runDir, ephemeral: true });
  process.env.QUEUETIX_TEST_MONGODB_URL = database.url;
  process.env.QUEUETIX_TEST_FERRETDB_PORT = String(database.port);
  mailpit = await startMailpit({ logFile: path.join(runDir, 'mailpit.log') });
  process.env.QUEUETIX_TEST_SMTP_URL = mailpit.smtpUrl;
  process.env.QUEUETIX_TEST_MAILPIT_URL = mailpit.httpUrl;
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopAllBackends();
  // Each database stopped whatever happened to the others, so none outlives the run. A cluster is
  // about 40 MB and of no use once the run is over (its logs stay in runDir).
  for (const db of [database, ...outageDatabases]) {
    try {
      await db?.stop();
      if (db?.postgres) rmSync(db.postgres.dataDir, { recursive: true, force: true });
    } catch (err) {
      process.stderr.write(`teardown: a test database did not stop cleanly: ${String(err)}\n`);
    }
  }
  await mailpit?.stop();
}

/** The run's database (FerretDB and its PostgreSQL). Tests that take a database down use outageDatabase instead. */
export function testDatabase(): EmbeddedDatabase {
  if (!database) throw new Error('the embedded database was not started (mochaGlobalSetup did not run)');
  return database;
}

/**
 * A database of its own (FerretDB and PostgreSQL) for a test that simulates an outage: stopping the
 * run's database would also take it away from every other backend of the run, the shared one
 * among them, and their recovery is not what such a test is about. Start its backends with
 * `MONGODB_URL: db.url`. Stopped and removed at the end of the run.
 */
export async function outageDatabase(label: string): Promise<EmbeddedDatabase> {
  const dir = path.join(runDir, `database-${label}`);
  const db = await startEmbeddedDatabase({ dir, logDir: dir, ephemeral: true });
  outageDatabases.push(db);
  return db;
}

/** The run's mail server (Mailpit), for tests that read messages back or simulate an SMTP outage. */
export function testMailServer(): MailpitProcess {
  if (!mailpit) throw new Error('Mailpit not started (mochaGlobalSetup did not run)');
  return mailpit;
}
