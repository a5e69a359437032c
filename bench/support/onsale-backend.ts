/** The on-sale's backend process (logs to a file in the scratch dir), optionally under `node --cpu-prof`. */
import path from 'node:path';
import { spawnBackend, type BackendProcess } from '../../chaos/support/harness.js';

export function startOnsaleBackend(opts: { mongoUrl: string; dbName: string; dataDir: string; logDir: string; profileDir?: string }): Promise<BackendProcess> {
  // --cpu-prof is refused in NODE_OPTIONS, so it goes on the command line.
  const profile = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [];
  return spawnBackend(
    {
      NODE_ENV: 'production',
      // Dev sign-in and demo payments under production settings: a labelled demo, on purpose.
      QUEUETIX_DEMO: '1',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.ONSALE_LOG_LEVEL ?? 'warn',
      MONGODB_URL: opts.mongoUrl,
      MONGODB_DB: opts.dbName,
      DATA_DIR: opts.dataDir,
      JOIN_RATE_PER_USER: '0',
      JOIN_RATE_PER_IP: '0',
      // Every simulated buyer's socket comes from this one machine.
      SOCKET_CONNECTIONS_PER_IP: '0',
      SOCKET_CONNECT_RATE_PER_IP: '0',
      // e.g. --max-old-space-size=512: a heap limit as a container would set one.
      ...(process.env.ONSALE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.ONSALE_NODE_OPTIONS } : {}),
    },
    path.join(opts.logDir, 'backend.log'),
    profile,
  );
}
