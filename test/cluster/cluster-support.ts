/** Several backend processes on one database and one Redis, as the cluster tests run them. */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { startBackend, type Backend } from '../support/backend.js';

export const REDIS_URL = process.env.QUEUETIX_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const LEASE_MS = 3_000;
export const SECRET = randomBytes(18).toString('base64url');

export interface ClusterStatus {
  instanceId: string;
  clustered: boolean;
  leases: Array<{ eventId: string; token: number }>;
  fencedWrites: number;
  forwardedRequests: number;
  forwardedBatches: number;
  batchedCommands: number;
  /** Requests the lean path answered (backend/src/http/lean-path.ts). */
  leanRequests: number;
}

export interface LeaseDoc {
  eventId: string;
  token: number;
  owner: string;
  expiresAt: Date;
  acquiredAt: Date;
}

export interface JournalDocView {
  from: number;
  to: number;
  token?: number;
  era?: boolean;
  events: string;
}

/** Starts `count` instances sharing a fresh database and a Redis prefix of their own; `envOf(i)` adds to instance i's environment. */
export async function startCluster(
  count: number,
  label: string,
  extraEnv: Record<string, string> = {},
  envOf: (index: number) => Record<string, string> = () => ({}),
): Promise<Backend[]> {
  const env = {
    REDIS_URL,
    // A prefix per run, so parallel runs on one Redis never hear each other.
    REDIS_PREFIX: `qtx-cluster-${process.pid}-${Date.now().toString(36)}`,
    LEASE_MS: String(LEASE_MS),
    CLUSTER_SECRET: SECRET,
    JOIN_RATE_PER_USER: '0',
    JOIN_RATE_PER_IP: '0',
    ...extraEnv,
  };
  // One at a time: the first creates the database and the dev signing key the others share, and
  // starting processes side by side on a busy 2-core machine only makes each one slower.
  const first = await startBackend({ label: `${label}-0`, env: { ...env, ...envOf(0) } });
  const nodes = [first];
  for (let i = 1; i < count; i++) nodes.push(await startBackend({ label: `${label}-${i}`, dbName: first.dbName, env: { ...env, ...envOf(i) } }));
  return nodes;
}

export async function statusOf(backend: Backend): Promise<ClusterStatus> {
  const res = await fetch(`${backend.url}/internal/cluster/status`, { headers: { 'x-queuetix-peer-secret': SECRET } });
  if (res.status !== 200) throw new Error(`status of ${backend.url}: ${res.status}`);
  return (await res.json()) as ClusterStatus;
}

/** Direct database access for what the tests check underneath the API. */
export async function withDb<T>(dbName: string, fn: (db: ReturnType<MongoClient['db']>) => Promise<T>): Promise<T> {
  const client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!);
  try {
    return await fn(client.db(dbName));
  } finally {
    await client.close();
  }
}

export function currentLease(dbName: string, eventId: string): Promise<LeaseDoc | null> {
  return withDb(dbName, (db) => db.collection<LeaseDoc>('event_leases').find({ eventId }).sort({ token: -1 }).limit(1).next());
}

export function journalOf(dbName: string, eventId: string): Promise<JournalDocView[]> {
  return withDb(dbName, (db) => db.collection<JournalDocView & { key: string }>('journal').find({ key: eventId }).sort({ from: 1 }).toArray());
}

/** Commands in the journal (fence records left out), in order. */
export function commandsIn(docs: JournalDocView[]): Array<{ type: string }> {
  return docs.flatMap((d) =>
    (JSON.parse(d.events) as Array<[number, number, { cmd?: { type: string } }]>).flatMap(([, , data]) => (data.cmd ? [data.cmd] : [])),
  );
}
