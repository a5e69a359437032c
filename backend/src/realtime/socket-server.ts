import { Server } from 'socket.io';
import type { RealtimeServer } from './socket-types.js';

/** The largest frame a client may send; over it, the connection is closed (nothing can answer it). */
export const MAX_MESSAGE_BYTES = 100 * 1024;

/**
 * The Socket.IO server, not yet attached. WebSocket only: HTTP long-polling would need sticky
 * sessions behind a load balancer with several instances, and every client we ship (site, widget)
 * connects with `transports: ['websocket']`. Any origin may connect: the widget is embedded on
 * organisers' sites, anonymous sockets can only watch public availability, and a socket's identity
 * comes from its token, never from cookies.
 */
export function createSocketServer(): RealtimeServer {
  return new Server({
    path: '/socket.io',
    transports: ['websocket'],
    serveClient: false,
    cors: { origin: true, credentials: false },
    // Clients only send small watch messages, but a bigger one must still get an answer (zod's
    // invalid_request): a frame over this limit is dropped by the WebSocket layer by closing the
    // connection, unread and unanswered. Same bound as an HTTP JSON body (http/app.ts, 100kb).
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // Missed pushes are made good by full state on the next watch, not by buffering per socket.
    connectionStateRecovery: undefined,
  });
}
