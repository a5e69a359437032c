import type { AppContext } from '../app-context.js';
import type { AvailabilityMessage, Entry } from '../contracts/index.js';
import * as core from '../queue/core/index.js';
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
 * The coalesced push of one event (run by the Coalescer at most every few hundred ms): ONE read
 * inside the actor gives the availability, the entries the last commands changed, and the entries
 * of every signed-in watcher still waiting (their positions move when the line moves, which is no
 * effect of its own). Only what differs from the last push is sent.
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

  async flush(eventId: string): Promise<void> {
    const changedIds = [...(this.changed.get(eventId) ?? [])];
    this.changed.delete(eventId);
    const watchers = await this.cluster.usersWatching(eventId);
    let snapshot;
    try {
      snapshot = await this.app.queues.read(eventId, (state, now) => ({
        availability: core.availability(state, now),
        changed: changedIds.map((id) => core.entryView(state, id)),
        waiting: watchers.map((userId) => core.entryOfUser(state, userId)).filter((e) => e?.status === 'waiting'),
      }));
    } catch (err) {
      this.app.log.debug({ eventId, err: String(err) }, 'realtime: could not read the event for a push');
      return;
    }
    // From here on everything is synchronous, so pushes leave in the order the state was read.
    const sent = this.sentOf(eventId);
    const availability: AvailabilityMessage = { eventId, ...snapshot.availability };
    const availabilityJson = JSON.stringify(availability);
    if (availabilityJson !== sent.availability) {
      sent.availability = availabilityJson;
      this.io.to(eventRoom(eventId)).emit('availability', availability);
    }
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
    if (watchers.length === 0) this.sent.delete(eventId);
    this.cluster.pushToUsers(pushes);
  }

  private sentOf(eventId: string): Sent {
    let sent = this.sent.get(eventId);
    if (!sent) this.sent.set(eventId, (sent = { entries: new Map() }));
    return sent;
  }
}
