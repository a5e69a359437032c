import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimited } from '../errors.js';
import { HandshakeRefused } from './handshake.js';
import { socketAddress } from './socket-address.js';
import type { RealtimeSocket } from './socket-types.js';

export interface SocketLimitOptions {
  /** Open connections one address may hold at once (0 = no limit). */
  connectionsPerIp: number;
  /** New connections one address may open per minute (0 = no limit). */
  connectRatePerIp: number;
  /** watch/unwatch messages one connection may send per 10 seconds (0 = no limit). */
  watchRatePer10s: number;
  /** Proxies of ours in front (config.proxyHops): which X-Forwarded-For entry is the client. */
  proxyHops: number;
}

const WATCH_WINDOW_SEC = 10;

const retryAfterSec = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/**
 * Limits on Socket.IO, all in memory (they protect this process; a client spread over instances
 * meets each instance's own limits). Connections per address are checked at the handshake and
 * refused with a `connect_error` carrying `data.code === 'rate_limited'` and a message; watch and
 * unwatch are drawn from a bucket per connection, and an excess message is answered with a
 * rate_limited ack and otherwise ignored. Nothing here throws out of a handler.
 */
export class SocketLimits {
  private readonly open = new Map<string, number>();
  private readonly connects?: RateLimiterMemory;
  private readonly watches?: RateLimiterMemory;

  constructor(private readonly options: SocketLimitOptions) {
    if (options.connectRatePerIp > 0) this.connects = new RateLimiterMemory({ keyPrefix: 'socket-connect', points: options.connectRatePerIp, duration: 60 });
    if (options.watchRatePer10s > 0)
      this.watches = new RateLimiterMemory({ keyPrefix: 'socket-watch', points: options.watchRatePer10s, duration: WATCH_WINDOW_SEC });
  }

  /** Socket.IO middleware, first in line: a flood is refused before any token is verified. */
  handshake() {
    return async (socket: RealtimeSocket, next: (err?: Error) => void): Promise<void> => {
      const address = socketAddress(socket.handshake.headers, socket.handshake.address, this.options.proxyHops);
      socket.data.address = address;
      const { connectionsPerIp } = this.options;
      if (connectionsPerIp > 0 && (this.open.get(address) ?? 0) >= connectionsPerIp) {
        return next(
          new HandshakeRefused('rate_limited', `Too many open connections from your address (at most ${connectionsPerIp}); close some and try again`, 30),
        );
      }
      try {
        await this.connects?.consume(address);
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) return next(new HandshakeRefused('unavailable', 'Could not check the connection limit; try again'));
        const wait = retryAfterSec(res);
        return next(new HandshakeRefused('rate_limited', `Too many new connections from your address; try again in ${wait} s`, wait));
      }
      next();
    };
  }

  /** Counts an accepted connection until it ends. */
  track(socket: RealtimeSocket): void {
    const address = socket.data.address;
    if (!address) return;
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
    socket.once('disconnect', () => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
      void this.watches?.delete(socket.id);
    });
  }

  /** Draws one watch/unwatch from the connection's bucket; a RateLimited error when it is empty. */
  async takeWatch(socket: RealtimeSocket): Promise<void> {
    try {
      await this.watches?.consume(socket.id);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const wait = retryAfterSec(res);
      throw new RateLimited(
        wait,
        `Too many watch/unwatch messages on this connection (at most ${this.options.watchRatePer10s} per ${WATCH_WINDOW_SEC} s); try again in ${wait} s`,
      );
    }
  }
}
