import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from '../logger.js';

export interface RedisLink {
  adapter: ReturnType<typeof createAdapter>;
  /** Both clients are connected (inter-server questions would otherwise wait in the offline queue). */
  isUp(): boolean;
  close(): Promise<void>;
}

/** How long an instance waits for the others to answer an inter-server question. */
const REQUESTS_TIMEOUT_MS = 1_000;

/**
 * The pub/sub clients of the Socket.IO Redis adapter. Connecting happens in the background and a
 * Redis outage is logged, not fatal: this instance keeps serving its own sockets, and the clients
 * reconnect by themselves (commands wait in their offline queue meanwhile).
 */
export function connectRedis(url: string, prefix: string, log: Logger): RedisLink {
  const pub = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) } });
  const sub = pub.duplicate();
  let lastReport = 0;
  const report = (err: Error, client: string) => {
    // A down Redis errors on every reconnect attempt: say it once every 30 s, not 10 times a second.
    if (Date.now() - lastReport < 30_000) return;
    lastReport = Date.now();
    log.error({ err: err.message, client }, 'realtime: Redis unreachable; pushes reach only this instance until it is back');
  };
  for (const [name, client] of [
    ['pub', pub],
    ['sub', sub],
  ] as const) {
    client.on('error', (err: Error) => report(err, name));
    client.on('ready', () => log.info({ client: name }, 'realtime: Redis connected'));
    client.connect().catch((err: Error) => log.error({ err: err.message, client: name }, 'realtime: Redis connect failed'));
  }
  return {
    adapter: createAdapter(withoutUnhandledRejections(pub, report), withoutUnhandledRejections(sub, report), {
      key: `${prefix}:socket.io`,
      requestsTimeout: REQUESTS_TIMEOUT_MS,
    }),
    isUp: () => pub.isReady && sub.isReady,
    async close() {
      await Promise.all([pub, sub].map((client) => closeClient(client)));
    },
  };
}

/** Waits briefly for pending commands (Redis up), else drops them: shutdown must not hang on Redis. */
async function closeClient(client: { isReady: boolean; isOpen: boolean; close(): Promise<void>; destroy(): void }): Promise<void> {
  if (!client.isReady) {
    if (client.isOpen) client.destroy();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1_000)));
  await Promise.race([client.close().catch(() => undefined), timeout]);
  clearTimeout(timer);
  if (client.isOpen) client.destroy();
}

/**
 * The adapter publishes without awaiting, and a command in flight when Redis drops (or queued when
 * the client is closed) rejects: unhandled, that would kill the process. This view of the client
 * reports such failures instead; a lost push is made good by the next full-state push.
 */
function withoutUnhandledRejections<T extends object>(client: T, report: (err: Error, client: string) => void): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function' || property === 'constructor') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (result instanceof Promise) {
          return result.catch((err: Error) => {
            report(err, String(property));
            return undefined;
          });
        }
        return result;
      };
    },
  });
}
