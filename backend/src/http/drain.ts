import type http from 'node:http';
import type { Context } from 'koa';

/** Koa types `next` as returning Promise<any>; the middleware after us settles with nothing. */
type Next = () => Promise<void>;

/** What a refused client is told: come back shortly (a load balancer sends it to another instance). */
const RETRY_AFTER_SEC = 2;

/**
 * Graceful shutdown of the HTTP side. Requests are counted from the moment Node hands them over
 * (the 'request' event, before any middleware awaits) until their response is closed, so a request
 * in flight when draining begins is waited for; every request arriving after that is answered 503
 * with Retry-After, /api/health included, so a load balancer takes this instance out at once.
 */
export class HttpDrain {
  private draining = false;
  private inFlight = 0;
  private onIdle: (() => void) | undefined;

  constructor(httpServer: http.Server) {
    httpServer.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      this.inFlight += 1;
      res.once('close', () => {
        this.inFlight -= 1;
        if (this.inFlight === 0) this.onIdle?.();
      });
    });
  }

  /** Koa middleware, outermost but for CORS (so a widget on another site can read the 503). */
  middleware() {
    return async (ctx: Context, next: Next) => {
      if (!this.draining) return next();
      ctx.status = 503;
      ctx.set('Retry-After', String(RETRY_AFTER_SEC));
      // Keep-alive clients must not come back on this connection.
      ctx.set('Connection', 'close');
      const error = { code: 'unavailable', message: 'This server is shutting down; try again in a moment' };
      ctx.body = ctx.path === '/api/health' ? { ok: false, draining: true, error } : { error };
    };
  }

  /** Refuse new requests from now on, and resolve once those in flight are answered or graceMs passed (false then). */
  async drain(graceMs: number): Promise<boolean> {
    this.draining = true;
    if (this.inFlight === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      this.onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  /** True once shutdown has begun (the lean path then leaves every request to the middleware above). */
  get isDraining(): boolean {
    return this.draining;
  }

  /** Requests still in flight (for the log when the grace period runs out). */
  get pending(): number {
    return this.inFlight;
  }
}
