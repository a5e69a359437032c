import type { AppContext } from '../app-context.js';
import type { DomainMessages } from '../domain-bus.js';
import type { EntryView, Effect } from '../queue/core/index.js';
import { Cluster } from './cluster.js';
import { Coalescer } from './coalescer.js';
import { EventFlusher } from './event-flusher.js';
import { handshake } from './handshake.js';
import { LocalWatchers } from './local-watchers.js';
import { connectRedis, type RedisLink } from './redis-link.js';
import { sellerRoom, userEventRoom, userRoom } from './rooms.js';
import { SocketLimits } from './socket-limits.js';
import { createSocketServer } from './socket-server.js';
import type { RealtimeServer } from './socket-types.js';
import { handleSubscriptions } from './subscriptions.js';
import { TicketPushes } from './ticket-pushes.js';

/** Moved positions of waiting watchers are pushed at most this often per event (a buyer's own changes go at once). */
export const FLUSH_INTERVAL_MS = 300;
/**
 * A position flush reads and compares the entry of every signed-in watcher of the event, all in
 * one turn of the event loop (so pushes leave in the order the state was read): at 10,000
 * watchers that is ≈ 15–20 ms here, and ≈ 100 ms at worst. Its beat therefore slows as the
 * audience grows, keeping the work near this many entries a second: every 300 ms up to 3,000
 * watchers, every second at 10,000, never slower than POSITIONS_SLOWEST_MS.
 */
export const POSITION_CHECKS_PER_SECOND = 10_000;
export const POSITIONS_SLOWEST_MS = 2_000;

/**
 * The beat of a flush whose work grows with its audience: as often as `fastestMs`, slowed so that
 * `items` per flush come to about `itemsPerSecond`, never slower than `slowestMs`.
 */
function beatFor(items: number, itemsPerSecond: number, fastestMs: number, slowestMs: number): number {
  return Math.min(slowestMs, Math.max(fastestMs, Math.round((items / itemsPerSecond) * 1000)));
}

/** How often an event's moved positions are flushed, given how many signed-in users watch it. */
export function positionsIntervalMs(watchers: number): number {
  return beatFor(watchers, POSITION_CHECKS_PER_SECOND, FLUSH_INTERVAL_MS, POSITIONS_SLOWEST_MS);
}
/**
 * Availability broadcasts per event at most this often: each is one message to every open page of
 * the event, and counts that settle within a second are all a page needs.
 */
export const AVAILABILITY_INTERVAL_MS = 1_000;
/**
 * A broadcast costs this process ≈ 15–20 µs of its event loop per open page here (in-slices.ts):
 * at a rush's 10,000 pages, once a second, that was a fifth of the backend's CPU in a 100,000-buyer
 * on-sale. So the beat slows as the audience grows, keeping near this many page writes a second:
 * every second up to 5,000 pages, every 2 s at 10,000, never slower than AVAILABILITY_SLOWEST_MS.
 * A page's counts are then at most a couple of seconds old; its buyer's own news (offer, place in
 * line, tickets) never waits for this beat.
 */
export const AVAILABILITY_WRITES_PER_SECOND = 5_000;
export const AVAILABILITY_SLOWEST_MS = 3_000;

/**
 * How often an event's availability is broadcast, given how many of its pages this instance (the
 * event's owner) wrote to last time. Every other instance writes to its own pages on the same beat:
 * with connections spread round robin they hold about as many, so the owner's count stands for theirs.
 */
export function availabilityIntervalMs(pages: number): number {
  return beatFor(pages, AVAILABILITY_WRITES_PER_SECOND, AVAILABILITY_INTERVAL_MS, AVAILABILITY_SLOWEST_MS);
}
/** A change on a quiet event is pushed after this (commands acknowledged by one journal write land in one push). */
export const FLUSH_LEAD_MS = 2;

/**
 * Real time for one backend process: Socket.IO on the HTTP server, rooms per event/user/seller,
 * queue effects turned into coalesced pushes, and (with REDIS_URL) delivery across instances.
 */
export class RealtimeHub {
  readonly io: RealtimeServer;
  private readonly redis?: RedisLink;
  private readonly watchers = new LocalWatchers();
  private readonly cluster: Cluster;
  private readonly flusher: EventFlusher;
  private readonly entryPushes: Coalescer;
  private readonly availabilityPushes: Coalescer;
  private readonly tickets: TicketPushes;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly app: AppContext) {
    this.io = createSocketServer();
    if (app.config.REDIS_URL) {
      this.redis = connectRedis(app.config.REDIS_URL, app.config.REDIS_PREFIX, app.log);
      this.io.adapter(this.redis.adapter);
    }
    this.cluster = new Cluster(this.io, this.watchers, this.redis, app.log);
    this.flusher = new EventFlusher(app, this.io, this.cluster);
    this.tickets = new TicketPushes(app, this.cluster);
    this.entryPushes = new Coalescer((eventId) => this.flusher.flushEntries(eventId), {
      intervalMs: (eventId) => positionsIntervalMs(this.flusher.watchersAtLastFlush(eventId)),
      leadMs: FLUSH_LEAD_MS,
    });
    this.availabilityPushes = new Coalescer((eventId) => this.flusher.flushAvailability(eventId), {
      intervalMs: (eventId) => availabilityIntervalMs(this.flusher.pagesAtLastBroadcast(eventId)),
      leadMs: FLUSH_LEAD_MS,
    });

    const limits = new SocketLimits({
      connectionsPerIp: app.config.SOCKET_CONNECTIONS_PER_IP,
      connectRatePerIp: app.config.SOCKET_CONNECT_RATE_PER_IP,
      watchRatePer10s: app.config.SOCKET_WATCH_RATE,
      proxyHops: app.config.proxyHops,
    });
    const checkLimits = limits.handshake();
    // Like the handshake below, the limits answer every outcome through next() themselves.
    this.io.use((socket, next) => void checkLimits(socket, next));
    const checkHandshake = handshake(app);
    // The handshake answers every outcome through next() itself, failures included.
    this.io.use((socket, next) => void checkHandshake(socket, next));
    this.io.on('connection', (socket) => {
      limits.track(socket);
      const { userId, embed } = socket.data;
      // A host page's embed token hears about its one event only, never the user's other entries or a seller's refunds.
      if (userId && embed) void socket.join(userEventRoom(userId, embed.eventId));
      else if (userId) void socket.join([userRoom(userId), sellerRoom(userId)]);
      handleSubscriptions(socket, app, this.watchers, limits);
    });
    app.queues.onEffects((eventId, effects, _state, _reply, changedEntries) => this.onQueueEffects(eventId, effects, changedEntries));
    this.listen('refundsProgress', ({ eventId, ownerId, done, total }) => {
      this.io.to(sellerRoom(ownerId)).emit('refunds', { eventId, done, total });
    });
    this.listen('ticketChanged', ({ ticketId, userId }) => this.tickets.changed(userId, ticketId));
  }

  /** Starts answering on /socket.io (after the HTTP app is mounted, so Koa never sees those requests). */
  attach(): void {
    this.io.attach(this.app.httpServer);
  }

  /**
   * Shutdown, first step: WebSockets would keep the HTTP server from closing, so drop them now.
   * Their connections are closed under them (a "transport close"), never with Socket.IO's
   * server-side disconnect, which tells a client not to come back: they reconnect by themselves,
   * through the load balancer, to an instance that is not going away.
   */
  async drain(): Promise<void> {
    for (const off of this.unsubscribe) off();
    this.entryPushes.close();
    this.availabilityPushes.close();
    const engine = this.io.engine; // undefined when start() never attached it
    if (!engine) return;
    // Handshakes arriving while we drain are refused at the transport (a failed upgrade), which
    // Socket.IO clients retry with back-off, rather than let them settle here again.
    engine.opts.allowRequest = (_req, answer) => answer('shutting down', false);
    engine.close();
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => void this.io.close(() => resolve()));
    await this.redis?.close();
  }

  /**
   * What a command changed goes out at once: the buyer's own entry (joined, offered, offer ended)
   * as it was right after that command, and tickets, one message to one buyer each. The moved
   * positions of everyone else watching go with the event's next entry flush, availability with its
   * next availability flush. Runs after the command is durable.
   */
  private onQueueEffects(eventId: string, effects: Effect[], changedEntries: EntryView[]): void {
    if (changedEntries.length > 0) this.flusher.pushNow(eventId, changedEntries);
    for (const effect of effects) {
      if (effect.type === 'ticketsIssued') {
        this.tickets.issued(effect.userId, effect.paymentId);
      }
    }
    if (effects.length > 0) {
      this.entryPushes.mark(eventId);
      this.availabilityPushes.mark(eventId);
    }
  }

  private listen<K extends keyof DomainMessages>(name: K, listener: (...args: DomainMessages[K]) => void): void {
    const bus = this.app.bus as unknown as NodeJS.EventEmitter;
    bus.on(name, listener as (...args: unknown[]) => void);
    this.unsubscribe.push(() => bus.off(name, listener as (...args: unknown[]) => void));
  }
}
