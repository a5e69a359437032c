import type { AppContext } from '../app-context.js';
import { EmbedTokens } from '../embed/embed-tokens.js';
import { DomainError } from '../errors.js';
import type { RealtimeSocket } from './socket-types.js';

/** The error a refused handshake carries to the client (`connect_error`: err.message, err.data). */
export class HandshakeRefused extends Error {
  readonly data: { code: string; retryAfterSec?: number };
  constructor(code: string, message: string, retryAfterSec?: number) {
    super(message);
    this.data = retryAfterSec === undefined ? { code } : { code, retryAfterSec };
  }
}

/**
 * Socket.IO middleware: `auth.token` is verified by the same TokenVerifier as HTTP bearer tokens.
 * No token → anonymous (may only watch). A bad token is refused, never downgraded to anonymous,
 * so a client learns at once that its session ended. The identity is fixed for the connection's life
 * (Clerk tokens live a minute; the client reconnects with a fresh one when it needs to).
 */
export function handshake(app: AppContext) {
  return async (socket: RealtimeSocket, next: (err?: Error) => void): Promise<void> => {
    socket.data.watching = new Set();
    const token: unknown = socket.handshake.auth?.token;
    if (token === undefined || token === null || token === '') return next();
    if (typeof token !== 'string') return next(new HandshakeRefused('unauthenticated', 'auth.token must be a string'));
    try {
      if (EmbedTokens.looksLikeEmbedToken(token)) {
        const identity = await app.embedTokens.verify(token);
        socket.data.userId = identity.userId;
        socket.data.embed = identity.embed;
        return next();
      }
      const identity = await app.tokens.verify(token);
      socket.data.userId = identity.userId;
      next();
    } catch (err) {
      if (err instanceof DomainError) return next(new HandshakeRefused(err.code, err.message));
      app.log.error({ err }, 'socket handshake failed');
      next(new HandshakeRefused('unavailable', 'Could not check your session; try again'));
    }
  };
}
