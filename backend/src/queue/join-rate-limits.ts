import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimited } from '../errors.js';

/**
 * Join limits of domain.md: per buyer across all events and per client address, per minute.
 * 0 turns a limit off (load tests from one machine lift the IP limit).
 */
export class JoinRateLimits {
  private readonly perUser?: RateLimiterMemory;
  private readonly perIp?: RateLimiterMemory;

  constructor(perUserPerMinute: number, perIpPerMinute: number) {
    if (perUserPerMinute > 0) this.perUser = new RateLimiterMemory({ keyPrefix: 'join-user', points: perUserPerMinute, duration: 60 });
    if (perIpPerMinute > 0) this.perIp = new RateLimiterMemory({ keyPrefix: 'join-ip', points: perIpPerMinute, duration: 60 });
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
}
