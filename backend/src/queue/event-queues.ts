import { LRUCache } from 'lru-cache';
import type { Db } from 'mongodb';
import { query, spawnPersistent, start, stop, configurePersistence } from 'nact';
import { DomainError, NotFound, Unavailable } from '../errors.js';
import type { Logger } from '../logger.js';
import * as core from './core/index.js';
import type { Availability, Command, Effect, EntryView, EventConfig, QueueState, Reply, ReplyOf } from './core/index.js';
import { toDomainError } from './core-errors.js';
import { eventActorBehaviour, type ActorMessage, type ActorReply } from './event-actor.js';
import { LiveIndex } from './live-index.js';
import { namedRead } from './named-reads.js';
import { OwnedElsewhere, type EventOwnership, type RemoteQueues, type RemoteRead, type WatchView } from './ownership.js';
import { MongoPersistenceEngine } from './persistence/mongo-persistence-engine.js';

/** See ActorHost.afterAck: `changedEntries` are the entries the command changed, as of that command. */
export type EffectListener = (eventId: string, effects: Effect[], state: QueueState, reply: Reply | undefined, changedEntries: EntryView[]) => void;
export type CriticalEffectHandler = (eventId: string, effects: Effect[], state: QueueState) => Promise<void>;
export type RecoveryHandler = (eventId: string, state: QueueState) => Promise<void>;

interface RunningActor {
  ref: unknown;
  ready: Promise<void>;
  lastUsed: number;
  timer?: NodeJS.Timeout;
  /** The fencing token of this actor's lease (cluster); absent when running without leases. */
  token?: number;
  /** Recovered and serving. */
  started?: boolean;
}

/** `here`: run on this instance or fail, never forward (a peer forwarded the call to us). */
export interface CallOptions {
  allowUnknown?: boolean;
  here?: boolean;
}

const QUERY_TIMEOUT_MS = 15_000;
/** setTimeout cannot wait longer than ~24.8 days; far timers re-check daily. */
const MAX_TIMER_MS = 24 * 3600_000;

export interface EventQueuesOptions {
  db: Db;
  log: Logger;
  snapshotEvery: number;
  idleMs: number;
  clock?: () => number;
  /** See MONGODB_WRITE_DEADLINE_MS. */
  writeDeadlineMs?: number;
}

/** Leases and forwarding when several instances share the events (cluster/module.ts attaches them). */
export interface ClusterLink {
  ownership: EventOwnership;
  remote?: RemoteQueues;
}

/**
 * The event actors of this process: spawns (or wakes) each event's actor on demand, routes commands
 * and reads to it, fans effects out to the other modules, stops idle actors and wakes live ones at boot.
 */
export class EventQueues {
  readonly engine: MongoPersistenceEngine;
  private readonly system: unknown;
  private readonly actors = new Map<string, RunningActor>();
  private readonly index: LiveIndex;
  private readonly unknown = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });
  private readonly listeners: EffectListener[] = [];
  private readonly critical: CriticalEffectHandler[] = [];
  private readonly recoveryHandlers: RecoveryHandler[] = [];
  private readonly clock: () => number;
  private sweeper?: NodeJS.Timeout;
  private closed = false;
  private cluster?: ClusterLink;

  constructor(private readonly options: EventQueuesOptions) {
    this.clock = options.clock ?? Date.now;
    this.engine = new MongoPersistenceEngine(options.db, options.log, { writeDeadlineMs: options.writeDeadlineMs });
    this.system = start(configurePersistence(this.engine as never));
    this.index = new LiveIndex(options.db);
  }

  /**
   * From now on every actor runs under a lease (fencing token) and calls for events owned by another
   * instance are forwarded. Must be called before start().
   */
  attachCluster(link: ClusterLink): void {
    this.cluster = link;
    link.ownership.onLost((eventId, token) => {
      const running = this.actors.get(eventId);
      if (!running || running.token !== token) return;
      this.options.log.warn({ eventId, leaseToken: token }, 'lease taken over by another instance; stopping this actor');
      this.dropActor(eventId, running);
    });
  }

  /** Indexes, then wake every actor that has live offers or a pending on-sale (their timers must run). */
  async start(): Promise<void> {
    await this.engine.ensureIndexes();
    await Promise.all((await this.liveEventIds()).map((eventId) => this.wake(eventId)));
    if (this.options.idleMs > 0) {
      this.sweeper = setInterval(() => this.stopIdle(), Math.min(60_000, this.options.idleMs)).unref();
    }
  }

  onEffects(listener: EffectListener): void {
    this.listeners.push(listener);
  }
  /** Handlers awaited before a command is acknowledged (tickets must exist before "paid" is said). */
  beforeAck(handler: CriticalEffectHandler): void {
    this.critical.push(handler);
  }
  onRecovered(handler: RecoveryHandler): void {
    this.recoveryHandlers.push(handler);
  }

  /** Creates the event's queue. Durable when it resolves. */
  async create(eventId: string, config: EventConfig): Promise<ReplyOf<'create'>> {
    this.unknown.delete(eventId);
    return this.command(eventId, { type: 'create', eventId, config }, { allowUnknown: true });
  }

  /**
   * Runs a command on the event's actor; resolves with the core's reply once it is durable. When
   * another instance runs the actor, the command is forwarded there.
   */
  async command<C extends Command>(eventId: string, cmd: C, opts: CallOptions = {}): Promise<ReplyOf<C['type']>> {
    return this.onOwner(
      eventId,
      opts,
      async (actor) => (await this.ask(actor, (sender) => ({ kind: 'command', cmd, sender }))) as ReplyOf<C['type']>,
      (remote, owner) => remote.command(owner, eventId, cmd),
    );
  }

  /**
   * Runs a read-only function inside the actor (serialised with its commands). Only on the
   * instance running the actor: elsewhere it fails with OwnedElsewhere (503); use the named reads.
   */
  async read<T>(eventId: string, read: (state: QueueState, now: number) => T): Promise<T> {
    const actor = await this.ensure(eventId);
    return (await this.ask(actor, (sender) => ({ kind: 'read', read, sender }))) as T;
  }

  availability(eventId: string): Promise<Availability> {
    return this.answer(eventId, { kind: 'availability' }) as Promise<Availability>;
  }

  entryOfUser(eventId: string, userId: string): Promise<EntryView | undefined> {
    return this.answer(eventId, { kind: 'entryOfUser', userId }) as Promise<EntryView | undefined>;
  }

  /** What a page that starts watching the event needs at once: availability and the user's entry. */
  watchView(eventId: string, userId?: string): Promise<WatchView> {
    return this.answer(eventId, { kind: 'watch', userId }) as Promise<WatchView>;
  }

  /** A named read, on whichever instance runs the actor. */
  async answer(eventId: string, read: RemoteRead, opts: CallOptions = {}): Promise<unknown> {
    const value = await this.onOwner(
      eventId,
      opts,
      (actor) => this.ask(actor, (sender) => ({ kind: 'read', read: (state, now) => namedRead(read, state, now), sender })),
      (remote, owner) => remote.read(owner, eventId, read),
    );
    return value ?? undefined;
  }

  /** Event ids whose actor must keep running (live offers or a pending on-sale). */
  async liveEventIds(): Promise<string[]> {
    return this.index.liveIds();
  }

  /** Starts the event's actor here unless another instance runs it (boot, fail-over sweep). */
  async wake(eventId: string): Promise<void> {
    try {
      await this.ensure(eventId);
    } catch (err) {
      if (err instanceof OwnedElsewhere) return;
      this.options.log.error({ eventId, err: String(err) }, 'could not wake actor');
    }
  }

  /**
   * Whether this process runs the event's actor (recovered and serving), without waking anything.
   * An actor still starting is not counted: it may yet turn out to live on another instance.
   */
  isRunning(eventId: string): boolean {
    return this.actors.get(eventId)?.started === true;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.engine.flushAll();
    for (const [eventId, actor] of this.actors) this.dropActor(eventId, actor);
    // Leases go back only now: everything this process acknowledged is durable.
    await this.cluster?.ownership.close();
    stop(this.system as never);
  }

  private async onOwner<T>(
    eventId: string,
    opts: CallOptions,
    local: (actor: RunningActor) => Promise<T>,
    forward: (remote: RemoteQueues, owner: OwnedElsewhere['owner']) => Promise<T>,
  ): Promise<T> {
    let actor: RunningActor;
    try {
      actor = await this.ensure(eventId, opts.allowUnknown);
    } catch (err) {
      const remote = this.cluster?.remote;
      if (err instanceof OwnedElsewhere && remote && !opts.here) return forward(remote, err.owner);
      throw err;
    }
    return local(actor);
  }

  private async ask(actor: RunningActor, make: (sender: unknown) => ActorMessage): Promise<unknown> {
    actor.lastUsed = this.clock();
    let answer: ActorReply;
    try {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the `as never` casts make query() return never; a typed nact adapter removes all three
      answer = (await query(actor.ref as never, make as never, QUERY_TIMEOUT_MS)) as ActorReply;
    } catch {
      throw new Unavailable('The event is busy recovering; try again in a moment');
    }
    if (answer.ok) return answer.value;
    if ('error' in answer) throw toDomainError(answer.error);
    throw new Unavailable();
  }

  /** The running actor of an event, spawned and recovered from the journal if needed. */
  private async ensure(eventId: string, allowUnknown = false): Promise<RunningActor> {
    if (this.closed) throw new Unavailable('Shutting down');
    if (!allowUnknown && this.unknown.has(eventId)) throw new NotFound('Event');
    let actor = this.actors.get(eventId);
    if (!actor) {
      // Forwarding a burst of calls for an event that lives elsewhere must not cost a lease look-up each.
      const owner = this.cluster?.remote ? this.cluster.ownership.cachedOwner(eventId) : undefined;
      if (owner) throw new OwnedElsewhere(eventId, owner);
      actor = this.spawn(eventId, allowUnknown);
      this.actors.set(eventId, actor);
    }
    try {
      await actor.ready;
    } catch (err) {
      if (this.actors.get(eventId) === actor) this.actors.delete(eventId);
      throw err;
    }
    return actor;
  }

  private spawn(eventId: string, creating: boolean): RunningActor {
    const running: RunningActor = { ref: undefined, ready: Promise.resolve(), lastUsed: this.clock() };
    running.ready = this.startActor(eventId, running, creating).then(() => {
      running.started = true;
    });
    return running;
  }

  /** Under a lease (cluster): check the event exists, take its lease, then recover it fenced by the token. */
  private async startActor(eventId: string, running: RunningActor, creating: boolean): Promise<void> {
    const ownership = this.cluster?.ownership;
    if (ownership) {
      try {
        if (!creating && !(await this.engine.exists(eventId))) {
          this.unknown.set(eventId, true);
          throw new NotFound('Event');
        }
        const claim = await ownership.acquire(eventId);
        if ('elsewhere' in claim) throw new OwnedElsewhere(eventId, claim.elsewhere);
        running.token = claim.token;
      } catch (err) {
        throw err instanceof DomainError ? err : new Unavailable();
      }
    }
    try {
      if (this.closed) throw new Unavailable('Shutting down');
      await this.recover(eventId, running, creating);
    } catch (err) {
      if (ownership && running.token !== undefined) void ownership.release(eventId, running.token).catch(() => undefined);
      throw err;
    }
  }

  private recover(eventId: string, running: RunningActor, creating: boolean): Promise<void> {
    this.engine.resetKey(eventId);
    const { token } = running;
    const ownership = this.cluster?.ownership;
    if (token !== undefined && ownership) this.engine.fence(eventId, { token, superseded: () => ownership.superseded(eventId, token) });
    let failRecovery: (err: unknown) => void = () => undefined;
    const recoveryFailed = new Promise<never>((_, reject) => (failRecovery = reject));
    recoveryFailed.catch(() => undefined);

    const behaviour = eventActorBehaviour(eventId, {
      clock: this.clock,
      beforeAck: async (id, effects, state) => {
        for (const handler of this.critical) await handler(id, effects, state);
      },
      afterAck: (id, effects, state, reply, changedEntries) => {
        this.trackLiveness(id, effects, state);
        for (const listener of this.listeners) {
          try {
            listener(id, effects, state, reply, changedEntries);
          } catch (err) {
            this.options.log.error({ eventId: id, err }, 'effect listener failed');
          }
        }
      },
      recovered: async (id, state) => {
        for (const handler of this.recoveryHandlers) await handler(id, state);
      },
      armTimer: (id, at) => this.armTimer(id, running, at),
      broken: (id, err) => this.restartAfterWriteFailure(id, running, err),
    });

    running.ref = spawnPersistent(this.system as never, behaviour as never, eventId, `event-${eventId}`, {
      snapshotEvery: this.options.snapshotEvery,
      snapshotEncoder: (state: QueueState) => core.encodeSnapshot(state),
      snapshotDecoder: (data: unknown) => core.decodeSnapshot(data),
      onCrash: (_msg: unknown, err: unknown, ctx: { stop: unknown }) => {
        this.options.log.error({ eventId, err: String(err) }, 'event actor crashed; it will recover on next use');
        failRecovery(new Unavailable());
        if (this.actors.get(eventId) === running) this.actors.delete(eventId);
        return ctx.stop;
      },
    } as never);

    const recovered = query(running.ref as never, ((sender: unknown) => ({ kind: 'recovered', sender })) as never, QUERY_TIMEOUT_MS) as Promise<ActorReply>;
    return Promise.race([recovered, recoveryFailed]).then(
      (answer) => {
        if (!answer.ok) throw new Unavailable();
        if (answer.value !== true && !creating) {
          // No such event: nothing was ever created under this key. Do not keep an actor for it.
          this.unknown.set(eventId, true);
          this.dropActor(eventId, running);
          throw new NotFound('Event');
        }
        void this.index.mark(eventId, true).catch(() => undefined);
      },
      (err: unknown) => {
        this.dropActor(eventId, running);
        throw err instanceof NotFound || err instanceof Unavailable ? err : new Unavailable();
      },
    );
  }

  private armTimer(eventId: string, running: RunningActor, at: number | null): void {
    if (running.timer) clearTimeout(running.timer);
    running.timer = undefined;
    if (at === null || this.closed) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, at - this.clock()));
    running.timer = setTimeout(() => {
      if (this.actors.get(eventId) === running && running.ref) this.tick(running);
    }, delay);
  }

  private tick(running: RunningActor): void {
    void query(running.ref as never, ((sender: unknown) => ({ kind: 'timer', sender })) as never, QUERY_TIMEOUT_MS).catch(() => undefined);
  }

  private trackLiveness(eventId: string, effects: Effect[], state: QueueState): void {
    if (effects.some((e) => e.type === 'offerMade' || e.type === 'offerEnded' || e.type === 'eventCancelled')) {
      const live = core.nextDeadline(state) !== null || core.pendingOpeningAt(state) !== null;
      void this.index.mark(eventId, live).catch(() => undefined);
    }
  }

  private restartAfterWriteFailure(eventId: string, running: RunningActor, err: unknown): void {
    if (this.actors.get(eventId) !== running) return;
    this.options.log.warn({ eventId, err: String(err) }, 'journal write failed; restarting the actor from the database');
    this.dropActor(eventId, running);
  }

  private dropActor(eventId: string, running: RunningActor): void {
    if (running.timer) clearTimeout(running.timer);
    if (this.actors.get(eventId) === running) this.actors.delete(eventId);
    if (running.ref === undefined) return; // still taking its lease (close() is then refused in startActor)
    try {
      stop(running.ref as never);
    } catch {
      /* already stopped */
    }
  }

  /** Actors with nothing live are stopped when idle; the next command wakes them from the database. */
  private stopIdle(): void {
    const now = this.clock();
    for (const [eventId, running] of this.actors) {
      if (now - running.lastUsed < this.options.idleMs) continue;
      void this.read(eventId, (state) => core.nextDeadline(state) === null && core.pendingOpeningAt(state) === null)
        .then(async (idle) => {
          if (!idle || this.actors.get(eventId) !== running || now - running.lastUsed < this.options.idleMs) return;
          await this.engine.flushAll();
          this.dropActor(eventId, running);
          await this.index.mark(eventId, false);
          if (running.token !== undefined) await this.cluster?.ownership.release(eventId, running.token);
        })
        .catch(() => undefined);
    }
  }
}
