/** The test suite's side of chaos/support/harness.ts: backends and the run's FerretDB from test/support. */
import { freePort } from '../../scripts/lib/ferretdb.js';
import type { BackendProcess, Harness } from '../../chaos/support/harness.js';
import { chaosEnv } from '../../chaos/support/harness.js';
import { startBackend } from '../support/backend.js';
import { outageDatabase } from '../support/hooks.js';
import { runDir } from '../support/paths.js';
import path from 'node:path';

export async function testHarness(label: string): Promise<Harness> {
  const port = await freePort();
  const dbName = `${label}_${process.pid}_${Date.now().toString(36)}`;
  // Chaos takes the database down: a database of its own, so the rest of the run never sees the outage.
  const database = await outageDatabase(label);
  const mongoUrl = database.url;
  const started = new Set<BackendProcess>();
  return {
    label,
    mongoUrl,
    dbName,
    dataDir: path.join(runDir, 'data'),
    publicUrl: 'http://localhost:3000',
    async start(env = {}) {
      const backend = await startBackend({ dbName, label, env: { ...chaosEnv, LOG_LEVEL: 'info', PORT: String(port), MONGODB_URL: mongoUrl, ...env } });
      const running: BackendProcess = { url: backend.url, pid: backend.process.pid!, kill: () => backend.kill(), stop: () => backend.stop() };
      started.add(running);
      return running;
    },
    database,
    async close() {
      await Promise.all([...started].map((b) => b.stop()));
    },
  };
}
