import { io, type Socket as ClientSocket } from 'socket.io-client';
import type { AvailabilityMessage, ClientToServerEvents, Entry, ServerToClientEvents, Ticket } from '@queuetix/contracts';
import { isAvailabilityMessage, isEntry, isTicket } from './guards.js';

/** Typed with the contract's event maps; each push is still checked by a guard before it is used. */
type Socket = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export interface LiveHandlers {
  availability(message: AvailabilityMessage): void;
  entry(entry: Entry): void;
  ticket(ticket: Ticket): void;
  connection(state: ConnectionState, resumed: boolean): void;
  /** The server refused the token (expired or revoked): the socket is closed, sign in again. */
  tokenRejected(): void;
}

/**
 * One Socket.IO connection per widget: watches one event and, with a token, receives the
 * buyer's own `entry` and `ticket` pushes. Messages are full state, so after a reconnect the
 * caller re-reads over HTTP what it may have missed (`resumed` = true).
 */
export class LiveChannel {
  private socket: Socket | null = null;
  private hasConnected = false;

  constructor(
    private readonly apiOrigin: string,
    private readonly eventId: string,
    private readonly handlers: LiveHandlers,
  ) {}

  /** (Re)connects, as the given buyer or anonymously. */
  open(token: string | null): void {
    this.close();
    this.hasConnected = false;
    const socket: Socket = io(this.apiOrigin, {
      path: '/socket.io',
      transports: ['websocket'],
      forceNew: true,
      auth: token ? { token } : {},
      reconnectionDelay: 500,
      reconnectionDelayMax: 8_000,
    });
    this.socket = socket;
    this.handlers.connection('connecting', false);

    socket.on('connect', () => {
      socket.emit('watch', { eventId: this.eventId });
      this.handlers.connection('live', this.hasConnected);
      this.hasConnected = true;
    });
    socket.on('disconnect', (reason) => {
      this.handlers.connection('reconnecting', false);
      // The server closing the socket is the one case Socket.IO does not retry by itself.
      if (reason === 'io server disconnect') this.retryLater(socket);
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      this.handlers.connection('reconnecting', false);
      if (socket.active) return; // a transport failure: Socket.IO retries by itself
      // The server's handshake refused us, which stops Socket.IO retrying. A refused token means
      // the session ended; anything else (the server could not check it) is worth another try.
      if (token && error.data?.code === 'unauthenticated') this.handlers.tokenRejected();
      else this.retryLater(socket);
    });
    socket.on('availability', (m: unknown) => {
      if (isAvailabilityMessage(m) && m.eventId === this.eventId) this.handlers.availability(m);
    });
    socket.on('entry', (m: unknown) => {
      if (isEntry(m) && m.eventId === this.eventId) this.handlers.entry(m);
    });
    socket.on('ticket', (m: unknown) => {
      if (isTicket(m) && m.eventId === this.eventId) this.handlers.ticket(m);
    });
  }

  private retryLater(socket: Socket): void {
    setTimeout(() => this.socket === socket && !socket.connected && socket.connect(), 2_000);
  }

  close(): void {
    if (!this.socket) return;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.socket = null;
  }
}
