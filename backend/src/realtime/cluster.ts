import type { AvailabilityMessage } from '@queuetix/contracts';
import type { Logger } from '../logger.js';
import { inSlices } from './in-slices.js';
import type { LocalWatchers } from './local-watchers.js';
import { eventRoom, userEventRoom, userRoom } from './rooms.js';
import type { RealtimeServer, UserPush } from './socket-types.js';

/** The adapter's own timeout for answers is 1 s; this also covers counting the instances. */
const REMOTE_ANSWER_MS = 1_500;

/**
 * Delivery to users on every instance. Per-user messages (entries, tickets) are sent as ONE
 * inter-server batch per flush instead of one Redis publish per user; each instance hands them to
 * its own sockets, so nobody gets a message twice. An event's availability goes to the other
 * instances as one message too, and every instance writes it to its own open pages in slices.
 * Without Redis it is all local.
 */
export class Cluster {
  /** Pushes for the other instances, gathered during this tick (pushToUsers). */
  private outgoing: UserPush[] = [];

  constructor(
    private readonly io: RealtimeServer,
    private readonly watchers: LocalWatchers,
    private readonly link: { isUp(): boolean } | undefined,
    private readonly log: Logger,
  ) {
    if (!link) return;
    io.on('qtx:userPushes', (pushes) => this.deliverLocally(pushes));
    io.on('qtx:availability', (message) => void this.broadcastLocally(message));
    io.on('qtx:watchers', (eventId, ack) => ack(this.watchers.usersOf(eventId)));
  }

  /**
   * Sends each push to its user's sockets here and on the other instances. A join's own push is
   * one call per join: what goes to the other instances is gathered for the rest of this tick and
   * sent as one message (in order), not one Redis publish per join.
   */
  pushToUsers(pushes: UserPush[]): void {
    if (pushes.length === 0) return;
    this.deliverLocally(pushes);
    if (!this.link?.isUp()) return;
    if (this.outgoing.length === 0) setImmediate(() => this.sendOutgoing());
    for (const push of pushes) this.outgoing.push(push);
  }

  /**
   * The event's availability to every open page of it, here and on the other instances. Resolves
   * once this instance's pages have it (written in slices: in-slices.ts), with how many they were.
   */
  broadcastAvailability(message: AvailabilityMessage): Promise<number> {
    if (this.link?.isUp()) this.io.serverSideEmit('qtx:availability', message);
    return this.broadcastLocally(message);
  }

  private async broadcastLocally(message: AvailabilityMessage): Promise<number> {
    const pages = this.io.of('/').adapter.rooms.get(eventRoom(message.eventId));
    if (!pages) return 0;
    const targets = [...pages];
    // Every socket is in the room named by its id: a slice is a list of such rooms.
    await inSlices(targets, (sockets) => this.io.local.to(sockets).emit('availability', message));
    return targets.length;
  }

  private sendOutgoing(): void {
    const pushes = this.outgoing;
    this.outgoing = [];
    if (pushes.length > 0 && this.link?.isUp()) this.io.serverSideEmit('qtx:userPushes', pushes);
  }

  /**
   * Signed-in users watching the event on any instance. An instance that does not answer in time
   * is skipped (its buyers get positions again at the next flush); without Redis, only ours.
   */
  async usersWatching(eventId: string): Promise<string[]> {
    const local = this.watchers.usersOf(eventId);
    if (!this.link?.isUp()) return local;
    const remote = await new Promise<string[][]>((resolve) => {
      // The adapter first counts instances with a Redis command: bound that wait too.
      const timer = setTimeout(() => resolve([]), REMOTE_ANSWER_MS);
      this.io.serverSideEmit('qtx:watchers', eventId, (err: Error | null, responses: string[][]) => {
        clearTimeout(timer);
        if (err) this.log.warn({ eventId, err: err.message }, 'realtime: some instances did not say who watches');
        resolve(responses ?? []);
      });
    });
    if (remote.length === 0) return local;
    return [...new Set([...local, ...remote.flat().filter((u) => typeof u === 'string')])];
  }

  private deliverLocally(pushes: UserPush[]): void {
    const local = this.io.local;
    const rooms = this.io.of('/').adapter.rooms;
    for (const push of pushes) {
      const eventId = 'entry' in push ? push.entry.eventId : push.ticket.eventId;
      const targets = [userRoom(push.userId), userEventRoom(push.userId, eventId)].filter((room) => rooms.has(room));
      // Most users of a batch are connected elsewhere: skip them before Socket.IO encodes anything.
      if (targets.length === 0) continue;
      if ('entry' in push) local.to(targets).emit('entry', push.entry);
      else local.to(targets).emit('ticket', push.ticket);
    }
  }
}
