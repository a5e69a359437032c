import { Server } from 'socket.io';
import type { RealtimeServer } from './socket-types.js';

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
    // Clients only send small watch messages.
    maxHttpBufferSize: 16 * 1024,
    // Missed pushes are made good by full state on the next watch, not by buffering per socket.
    connectionStateRecovery: undefined,
  });
}
