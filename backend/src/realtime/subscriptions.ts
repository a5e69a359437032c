import type { AppContext } from '../app-context.js';
import { WatchMessage, type WatchReply } from '@queuetix/contracts';
import { socketMayWatch } from '../embed/embed-scope.js';
import { DomainError, Forbidden, Invalid } from '../errors.js';
import { entryJson } from '../queue/entry-json.js';
import { clientMessage } from './client-message.js';
import type { LocalWatchers } from './local-watchers.js';
import type { SocketLimits } from './socket-limits.js';
import { eventRoom } from './rooms.js';
import type { RealtimeSocket } from './socket-types.js';

/** A page watches one event, a dashboard a few; more from one socket is a bug or abuse. */
export const MAX_WATCHED_PER_SOCKET = 50;

function errorReply(err: unknown): WatchReply {
  const known = err instanceof DomainError ? err : new DomainError('unavailable', 503, 'Could not read the event; try again');
  return { error: { code: known.code, message: known.message } };
}

function parseWatch(message: unknown): string {
  const parsed = WatchMessage.safeParse(message);
  if (!parsed.success)
    throw new Invalid(
      'watch/unwatch takes { eventId }',
      parsed.error.issues.map((i) => i.message),
    );
  return parsed.data.eventId;
}

/**
 * `watch` / `unwatch` for one socket. Watching joins the event's room and sends the current
 * availability (and the user's own entry) at once, so a page that (re)connects is current without
 * waiting for the next change. The room is kept even when this instance cannot read the event (it
 * may live elsewhere or not exist yet): pushes come from whichever instance runs its actor.
 */
export function handleSubscriptions(socket: RealtimeSocket, app: AppContext, watchers: LocalWatchers, limits: SocketLimits): void {
  const { userId, watching, embed } = socket.data;

  socket.on('watch', async (...args) => {
    const { message, reply } = clientMessage(args);
    let eventId: string;
    try {
      await limits.takeWatch(socket);
      eventId = parseWatch(message);
      if (!socketMayWatch(embed, eventId)) throw new Forbidden(`This connection's token was given for event ${embed?.eventId} only`);
      if (!watching.has(eventId) && watching.size >= MAX_WATCHED_PER_SOCKET) {
        throw new Invalid(`A connection may watch at most ${MAX_WATCHED_PER_SOCKET} events`);
      }
    } catch (err) {
      return reply(errorReply(err));
    }
    if (!watching.has(eventId)) {
      watching.add(eventId);
      void socket.join(eventRoom(eventId));
      if (userId) watchers.add(eventId, userId);
    }
    try {
      // A named read: answered by whichever instance runs the event's actor (cluster).
      const now = await app.queues.watchView(eventId, userId);
      if (!socket.connected) return;
      socket.emit('availability', { eventId, ...now.availability });
      if (now.entry) socket.emit('entry', entryJson(now.entry));
      reply({ ok: true });
    } catch (err) {
      reply(errorReply(err));
    }
  });

  socket.on('unwatch', async (...args) => {
    const { message, reply } = clientMessage(args);
    let eventId: string;
    try {
      await limits.takeWatch(socket);
      eventId = parseWatch(message);
    } catch (err) {
      return reply(errorReply(err));
    }
    if (watching.delete(eventId)) {
      void socket.leave(eventRoom(eventId));
      if (userId) watchers.remove(eventId, userId);
    }
    reply({ ok: true });
  });

  socket.on('disconnect', () => {
    if (userId) for (const eventId of watching) watchers.remove(eventId, userId);
    watching.clear();
  });
}
