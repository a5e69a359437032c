/**
 * Mocha root hooks: one fresh embedded FerretDB for the whole run, and every backend process a
 * test started is stopped at the end, whatever happened.
 */
import path from 'node:path';
import { startFerretDb, type FerretDbProcess } from '../../scripts/lib/ferretdb.js';
import { startMailpit, type MailpitProcess } from '../../scripts/lib/mailpit.js';
import { runDir } from './paths.js';
import { stopAllBackends } from './backend.js';

let ferret: FerretDbProcess | undefined;
let mailpit: MailpitProcess | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  ferret = await startFerretDb({ dataDir: path.join(runDir, 'ferretdb'), logFile: path.join(runDir, 'ferretdb.log') });
  process.env.QUEUETIX_TEST_MONGODB_URL = ferret.url;
  process.env.QUEUETIX_TEST_FERRETDB_PORT = String(ferret.port);
  mailpit = await startMailpit({ logFile: path.join(runDir, 'mailpit.log') });
  process.env.QUEUETIX_TEST_SMTP_URL = mailpit.smtpUrl;
  process.env.QUEUETIX_TEST_MAILPIT_URL = mailpit.httpUrl;
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopAllBackends();
  await ferret?.stop();
  await mailpit?.stop();
}

/** The run's database server, for tests that simulate an outage (stop, then start again). */
export function testDatabase(): FerretDbProcess {
  if (!ferret) throw new Error('FerretDB not started (mochaGlobalSetup did not run)');
  return ferret;
}

/** The run's mail server (Mailpit), for tests that read messages back or simulate an SMTP outage. */
export function testMailServer(): MailpitProcess {
  if (!mailpit) throw new Error('Mailpit not started (mochaGlobalSetup did not run)');
  return mailpit;
}
