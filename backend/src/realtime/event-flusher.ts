import type { AppContext } from '../app-context.js';
import type { AvailabilityMessage, Entry } from '../contracts/index.js';
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
}

/**
 * The pushes of one event, run by the hub's coalescers: availability (a broadcast to every open
 * page of the event) and entries (one message per buyer whose entry changed), each sent only when
 * it differs from what was last pushed; offers also go out at once (pushNow).
 */
export class EventFlusher {
  /** Entries named by effects since the last flush, per event. */
  private readonly changed = new Map<string, Set<string>>();
  private readonly sent = new Map<string, Sent>();

  constructor(
    private readonly app: AppContext,
    private readonly io: RealtimeServer,
    private readonly cluster: Cluster,
  ) {}

  noteChangedEntry(eventId: string, entryId: string): void {
    let ids = this.changed.get(eventId);
    if (!ids) this.changed.set(eventId, (ids = new Set()));
    ids.add(entryId);
  }

  /**
   * Pushes these entries now, outside the coalesced flush: an offer's countdown starts when it is
   * made, so its buyer must not wait for the next flush. One message per entry, no broadcast; the
   * next flush sees them as already sent and does not repeat them.
   */
  pushNow(eventId: string, views: Array<EntryView | undefined>): void {
    const sent = this.sentOf(eventId);
    const pushes: UserPush[] = [];
    for (const view of views) {
      if (!view) continue;
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
   * broadcast (one message per open event page), so it runs on its own, slower beat.
   */
  async flushAvailability(eventId: string): Promise<void> {
    let numbers;
    try {
      numbers = await this.app.queues.read(eventId, (state, now) => core.availability(state, now));
    } catch (err) {
      this.app.log.debug({ eventId, err: String(err) }, 'realtime: could not read availability for a push');
      return;
    }
    const sent = this.sentOf(eventId);
    const availability: AvailabilityMessage = { eventId, ...numbers };
    const json = JSON.stringify(availability);
    if (json === sent.availability) return;
    sent.availability = json;
    this.io.to(eventRoom(eventId)).emit('availability', availability);
  }

  /**
   * Entries to their buyers: ONE read inside the actor gives the entries the last commands changed
   * and those of every signed-in watcher still waiting (their positions move when the line moves,
   * which is no effect of its own). Only what differs from the last push is sent.
   */
  async flushEntries(eventId: string): Promise<void> {
    const changedIds = [...(this.changed.get(eventId) ?? [])];
    this.changed.delete(eventId);
    const watchers = await this.cluster.usersWatching(eventId);
    let snapshot;
    try {
      snapshot = await this.app.queues.read(eventId, (state) => ({
        changed: changedIds.map((id) => core.entryView(state, id)),
        waiting: watchers.map((userId) => core.entryOfUser(state, userId)).filter((e) => e?.status === 'waiting'),
      }));
    } catch (err) {
      this.app.log.debug({ eventId, err: String(err) }, 'realtime: could not read the event for a push');
      return;
    }
    // From here on everything is synchronous, so pushes leave in the order the state was read.
    const sent = this.sentOf(eventId);
    const pushes: UserPush[] = [];
    const nextSent = new Map<string, string>();
    for (const view of [...snapshot.changed, ...snapshot.waiting]) {
      if (!view || nextSent.has(view.id)) continue;
      const entry: Entry = entryJson(view);
      const json = JSON.stringify(entry);
      nextSent.set(view.id, json);
      if (sent.entries.get(view.id) !== json) pushes.push({ userId: entry.userId, entry });
    }
    // Remember only entries of current watchers (and this round's changes): memory follows the audience.
    sent.entries = nextSent;
    if (watchers.length === 0 && !this.io.of('/').adapter.rooms.has(eventRoom(eventId))) this.sent.delete(eventId);
    this.cluster.pushToUsers(pushes);
  }

  private sentOf(eventId: string): Sent {
    let sent = this.sent.get(eventId);
    if (!sent) this.sent.set(eventId, (sent = { entries: new Map() }));
    return sent;
  }
}
