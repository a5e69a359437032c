import { MongoClient, MongoNetworkError, MongoServerSelectionError, MongoTopologyClosedError, type Db } from 'mongodb';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { DatabaseDeadlineExceeded, withDeadline } from './deadline.js';

/** The one database handle. Everything persistent goes through the official driver. */
export interface Database {
  client: MongoClient;
  db: Db;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function connectDatabase(config: Config, log: Logger): Promise<Database> {
  const client = new MongoClient(config.MONGODB_URL, {
    // Fail fast so a request answers 503 instead of hanging while the database is away;
    // the driver keeps monitoring and reconnects by itself when it is back.
    serverSelectionTimeoutMS: config.MONGODB_TIMEOUT_MS,
    connectTimeoutMS: config.MONGODB_TIMEOUT_MS,
    // A database that stops answering without closing its sockets (a partition) must not hold a
    // request for long: no single round trip of this app legitimately takes this long.
    socketTimeoutMS: 10_000,
    heartbeatFrequencyMS: 1_000,
    maxPoolSize: 20,
    appName: 'queuetix',
  });
  // connect() would fail start-up while the database is down; we start anyway and answer 503.
  await client.connect().catch((err: unknown) => log.warn({ err }, 'database not reachable at start; will keep trying'));
  const db = client.db(config.MONGODB_DB);
  return {
    client,
    db,
    async ping() {
      try {
        await withDeadline(db.command({ ping: 1 }), config.MONGODB_TIMEOUT_MS, 'ping');
        return true;
      } catch {
        return false;
      }
    },
    close: () => client.close(),
  };
}

const SOCKET_ERROR_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True when an error means "the database cannot be reached right now" (→ 503, not 500). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (
    err instanceof MongoServerSelectionError ||
    err instanceof MongoNetworkError ||
    err instanceof MongoTopologyClosedError ||
    err instanceof DatabaseDeadlineExceeded
  ) {
    return true;
  }
  // The driver sometimes lets a raw socket error through (e.g. EPIPE writing to a closed connection).
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && SOCKET_ERROR_CODES.has(code)) return true;
  // A bulk write that never reached the server wraps the network error it got (MongoBulkWriteError).
  const wrapped = (err as { errorResponse?: unknown } | null)?.errorResponse;
  if (wrapped instanceof Error && wrapped !== err) return isDatabaseUnavailable(wrapped);
  const name = (err as { name?: string } | null)?.name ?? '';
  return name === 'MongoNetworkTimeoutError' || name === 'MongoOperationTimeoutError' || name === 'MongoNotConnectedError';
}
