import type { AppContext } from '../app-context.js';
import type { AvailabilityMessage, Entry } from '@queuetix/contracts';
import * as core from '../queue/core/index.js';
import type { EntryView } from '../queue/core/index.js';
import { entryJson } from '../queue/entry-json.js';
import type { Cluster } from './cluster.js';
import { eventRoom } from './rooms.js';
import type { RealtimeServer, UserPush } from './socket-types.js';

/** What was last pushed for one event, so an unchanged state is not sent again. */
interface Sent {
  availability?: string;
  /** Entry id → its JSON as last pushed. */
  entries: Map<string, string>;
  /** Signed-in users watching the event at the last position flush (sets the flush's beat). */
  watchers: number;
  /** Open pages of the event on this instance at the last availability broadcast (sets its beat). */
  pages: number;
}

/**
 * The pushes of one event: what a command changed goes to its buyer at once (pushNow); the hub's
 * coalescers run the availability broadcast to every open page of the event and the refresh of
 * waiting watchers' positions. Each is sent only when it differs from what was last pushed.
 */
export class EventFlusher {
  private readonly sent = new Map<string, Sent>();

  constructor(
    private readonly app: AppContext,
    private readonly io: RealtimeServer,
    private readonly cluster: Cluster,
  ) {}

  /**
   * Pushes entries a command changed, now: one message to one buyer each (no broadcast), so a
   * buyer's own news — their place after joining, an offer whose countdown has started — does not
   * wait for a flush. Recorded as sent, so the next flush does not repeat them.
   */
  pushNow(eventId: string, views: EntryView[]): void {
    const sent = this.sentOf(eventId);
    const pushes: UserPush[] = [];
    for (const view of views) {
      const entry: Entry = entryJson(view);
      const json = JSON.stringify(entry);
      if (sent.entries.get(view.id) === json) continue;
      sent.entries.set(view.id, json);
      pushes.push({ userId: entry.userId, entry });
    }
    this.cluster.pushToUsers(pushes);
  }

  /**
   * The event's availability to everyone watching it, if it changed since the last one: a
   * broadcast (one message per open event page), so it runs on its own, slower beat, and the
   * coalescer starts the next one only after this instance has written this one.
   */
  async flushAvailability(eventId: string): Promise<void> {
    let numbers;
    try {
      numbers = await this.app.queues.read(eventId, (state, now) => core.availability(state, now));
    } catch (err) {
      this.app.log.debug({ eventId, err }, 'realtime: could not read availability for a push');
      return;
    }
    const sent = this.sentOf(eventId);
    const availability: AvailabilityMessage = { eventId, ...numbers };
    const json = JSON.stringify(availability);
    if (json === sent.availability) return;
    sent.availability = json;
    sent.pages = await this.cluster.broadcastAvailability(availability);
  }

  /**
   * The moved positions of the signed-in watchers still waiting (the line moving is no effect of
   * their own entry): ONE read inside the actor, and only what differs from the last push is sent.
   */
  async flushEntries(eventId: string): Promise<void> {
    const watchers = await this.cluster.usersWatching(eventId);
    let waiting;
    try {
      waiting = await this.app.queues.read(eventId, (state) =>
        watchers.map((userId) => core.entryOfUser(state, userId)).filter((e) => e?.status === 'waiting'),
      );
    } catch (err) {
      this.app.log.debug({ eventId, err }, 'realtime: could not read the event for a push');
      return;
    }
    // From here on everything is synchronous, so pushes leave in the order the state was read.
    const sent = this.sentOf(eventId);
    const pushes: UserPush[] = [];
    const nextSent = new Map<string, string>();
    for (const view of waiting) {
      if (!view || nextSent.has(view.id)) continue;
      const entry: Entry = entryJson(view);
      const json = JSON.stringify(entry);
      nextSent.set(view.id, json);
      if (sent.entries.get(view.id) !== json) pushes.push({ userId: entry.userId, entry });
    }
    // Remember only entries of current watchers: memory follows the audience.
    sent.entries = nextSent;
    sent.watchers = watchers.length;
    if (watchers.length === 0 && !this.io.of('/').adapter.rooms.has(eventRoom(eventId))) this.sent.delete(eventId);
    this.cluster.pushToUsers(pushes);
  }

  /** Signed-in users who watched the event at its last position flush (0 before the first). */
  watchersAtLastFlush(eventId: string): number {
    return this.sent.get(eventId)?.watchers ?? 0;
  }

  /** Open pages of the event on this instance at its last availability broadcast (0 before the first). */
  pagesAtLastBroadcast(eventId: string): number {
    return this.sent.get(eventId)?.pages ?? 0;
  }

  private sentOf(eventId: string): Sent {
    let sent = this.sent.get(eventId);
    if (!sent) this.sent.set(eventId, (sent = { entries: new Map(), watchers: 0, pages: 0 }));
    return sent;
  }
}
