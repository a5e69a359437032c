import { createClient } from 'redis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { RateLimited } from '../errors.js';
import type { Logger } from '../logger.js';

/** A client created with no modules or scripts (what connect() below returns). */
type RedisClient = ReturnType<typeof connect>;

/** A command to a Redis that is up but stuck must not hold a join for long: the insurance answers. */
const REDIS_CONNECT_TIMEOUT_MS = 2_000;

/**
 * Join limits of docs/domain.md: per buyer across all events and per client address, per minute.
 * 0 turns a limit off (load tests from one machine lift the IP limit).
 *
 * With REDIS_URL (several instances) the counters live in Redis, so a buyer's joins spread over
 * the instances draw on one budget. Should Redis be unreachable the limits fail open to a counter
 * per instance (insuranceLimiter): looser for a while, never an error for the buyer.
 */
export class JoinRateLimits {
  private readonly perUser?: RateLimiterAbstract;
  private readonly perIp?: RateLimiterAbstract;

  constructor(
    perUserPerMinute: number,
    perIpPerMinute: number,
    private readonly redis?: { client: RedisClient; prefix: string },
  ) {
    if (perUserPerMinute > 0) this.perUser = this.limiter('join-user', perUserPerMinute);
    if (perIpPerMinute > 0) this.perIp = this.limiter('join-ip', perIpPerMinute);
  }

  /** The limits the configuration asks for; connects to Redis in the background when REDIS_URL is set. */
  static fromConfig(config: Config, log: Logger): JoinRateLimits {
    const { JOIN_RATE_PER_USER: perUser, JOIN_RATE_PER_IP: perIp, REDIS_URL: url, REDIS_PREFIX: prefix } = config;
    if (!url || (perUser === 0 && perIp === 0)) return new JoinRateLimits(perUser, perIp);
    return new JoinRateLimits(perUser, perIp, { client: connect(url, log), prefix });
  }

  async consume(userId: string, ip: string): Promise<void> {
    try {
      await Promise.all([this.perUser?.consume(userId), this.perIp?.consume(ip)]);
    } catch (res) {
      if (res instanceof RateLimiterRes) {
        throw new RateLimited(Math.max(1, Math.ceil(res.msBeforeNext / 1000)), 'Too many attempts to join; wait a moment and try again');
      }
      throw res;
    }
  }

  async close(): Promise<void> {
    const client = this.redis?.client;
    if (!client?.isOpen) return;
    if (client.isReady) await client.close().catch(() => undefined);
    if (client.isOpen) client.destroy();
  }

  private limiter(keyPrefix: string, points: number): RateLimiterAbstract {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration: 60 });
    if (!this.redis) return memory;
    return new RateLimiterRedis({
      storeClient: this.redis.client,
      useRedisPackage: true,
      // Not connected: straight to the insurance, rather than waiting in a queue.
      rejectIfRedisNotReady: true,
      keyPrefix: `${this.redis.prefix}:${keyPrefix}`,
      points,
      duration: 60,
      insuranceLimiter: memory,
    });
  }
}

/** A client of its own (realtime's are pub/sub): errors are reported, it reconnects by itself. */
function connect(url: string, log: Logger) {
  const client = createClient({
    url,
    // Commands while disconnected fail at once (the limiter then uses its insurance).
    disableOfflineQueue: true,
    socket: { connectTimeout: REDIS_CONNECT_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
  });
  let lastReport = 0;
  client.on('error', (err: Error) => {
    // A down Redis errors on every reconnect attempt: say it once every 30 s.
    if (Date.now() - lastReport < 30_000) return;
    lastReport = Date.now();
    log.warn({ err }, 'join limits: Redis unreachable; each instance counts joins on its own until it is back');
  });
  client.connect().catch(() => undefined);
  return client;
}
