/**
 * The Socket.IO side of the API (docs/api.md, Socket.IO): event names and what each carries. Types and
 * plain data only, so a client imports it without pulling zod in (the widget's size budget).
 * Type a client's socket with these maps (`Socket<ServerToClientEvents, ClientToServerEvents>`)
 * and a renamed event or field breaks its build.
 */
import type { Ticket } from './tickets.js';
import type { Entry } from './queue.js';
import type { AvailabilityMessage, RefundsMessage, WatchMessage, WatchReply } from './realtime.js';

/** Server → client pushes: always full state, never deltas (Socket.IO delivers at most once). */
export interface ServerToClientEvents {
  /** To everyone watching the event. */
  availability: (message: AvailabilityMessage) => void;
  /** To the entry's buyer, on every change of their place in line or offer. */
  entry: (entry: Entry) => void;
  /** To the ticket's buyer, when it is issued, used or refunded. */
  ticket: (ticket: Ticket) => void;
  /** To the event's seller, while a cancelled event's payments are refunded. */
  refunds: (message: RefundsMessage) => void;
}

/** Client → server, as a well-behaved client sends them; the ack is optional. */
export interface ClientToServerEvents {
  watch: (message: WatchMessage, ack?: (reply: WatchReply) => void) => void;
  unwatch: (message: WatchMessage, ack?: (reply: WatchReply) => void) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
export type ClientEventName = keyof ClientToServerEvents;

/** Every event name, for code that needs them as values. */
export const socketEvents = {
  watch: 'watch',
  unwatch: 'unwatch',
  availability: 'availability',
  entry: 'entry',
  ticket: 'ticket',
  refunds: 'refunds',
} as const satisfies { [K in ServerEventName | ClientEventName]: K };
