import type { Server, Socket } from 'socket.io';
import type { EmbedScope } from '../embed/embed-tokens.js';
import type { AvailabilityMessage, Entry, Ticket } from '@queuetix/contracts';
import type { ClientToServerEvents as WellBehavedClientEvents, ServerToClientEvents } from '@queuetix/contracts/socket-events';

/**
 * What a client may send: the events of the contract (`{ eventId }` and an optional ack that gets a
 * WatchReply), typed as any arguments because a client can send anything; client-message.ts finds
 * the message and the ack.
 */
export type ClientToServerEvents = { [Name in keyof WellBehavedClientEvents]: (...args: unknown[]) => void };

/** A message for one user's sockets, wherever they are connected. */
export type UserPush = { userId: string; entry: Entry } | { userId: string; ticket: Ticket };

/** Messages between backend instances (over the Redis adapter). */
export interface InterServerEvents {
  /** Deliver these to the named users' sockets on this instance. */
  'qtx:userPushes': (pushes: UserPush[]) => void;
  /** Send this availability to the event's open pages on this instance. */
  'qtx:availability': (message: AvailabilityMessage) => void;
  /** Which signed-in users on this instance watch the event? */
  'qtx:watchers': (eventId: string, ack: (userIds: string[]) => void) => void;
}

export interface SocketData {
  /** Set by the handshake for a socket with a valid token; absent for anonymous watchers. */
  userId?: string;
  /** Set for a host page's embed token: the socket watches that one event and hears only its entry and tickets. */
  embed?: EmbedScope;
  /** The client address its connection limits count against (socket-limits.ts). */
  address?: string;
  /** Events this socket watches. */
  watching: Set<string>;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
