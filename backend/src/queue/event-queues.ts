import type { Db } from 'mongodb';
import type { Logger } from '../logger.js';
import { ActorRegistry } from './actor-registry.js';
import type { RunningActor } from './actor-recovery.js';
import { Unavailable, type DomainError } from '../errors.js';
import { systemClock, type Clock } from './clock.js';
import type { Availability, Command, DrawFacts, EntryView, EventConfig, QueueState, Reply, ReplyOf } from './core/index.js';
import { toDomainError } from './core-errors.js';
import type { ActorReply } from './event-actor.js';
import { EffectHooks, type CriticalEffectHandler, type EffectListener, type RecoveryHandler } from './effect-hooks.js';
import { IdleSweeper } from './idle-sweeper.js';
import { LiveIndex } from './live-index.js';
import { ActorSystem } from './nact-adapter.js';
import { namedRead } from './named-reads.js';
import { OwnedElsewhere, type EventOwnership, type RemoteQueues, type RemoteRead, type WatchView } from './ownership.js';
import { MongoPersistenceEngine } from './persistence/mongo-persistence-engine.js';

export type { CriticalEffectHandler, EffectListener, RecoveryHandler } from './effect-hooks.js';

/** One batched command's outcome: the core's reply, or the domain error it would have raised alone. */
export type BatchOutcome = { reply: Reply } | { error: DomainError };

/** `here`: run on this instance or fail, never forward (a peer forwarded the call to us). */
export interface CallOptions {
  allowUnknown?: boolean;
  here?: boolean;
}

export interface EventQueuesOptions {
  db: Db;
  log: Logger;
  snapshotEvery: number;
  idleMs: number;
  /** Time and timers of every actor (offer deadlines, on-sale, idle stop); tests pass a SimulatedClock. */
  clock?: Clock;
  /** See MONGODB_WRITE_DEADLINE_MS. */
  writeDeadlineMs?: number;
}

/** Leases and forwarding when several instances share the events (cluster/module.ts attaches them). */
export interface ClusterLink {
  ownership: EventOwnership;
  remote?: RemoteQueues;
}

/**
 * The event actors of this process, as the rest of the backend sees them: routes commands and reads
 * to the event's actor (here, or forwarded to the instance that runs it), lets the other modules
 * hook its effects, wakes live actors at boot and stops idle ones. The parts: ActorRegistry (spawn,
 * leases, recovery), IdleSweeper, LiveIndex, EffectHooks, behind the nact adapter.
 */
export class EventQueues {
  readonly engine: MongoPersistenceEngine;
  /** Stops idle actors; `idle.settled()` is the sweep the clock last started. */
  readonly idle: IdleSweeper;
  private readonly system: ActorSystem;
  private readonly registry: ActorRegistry;
  private readonly hooks: EffectHooks;
  private readonly index: LiveIndex;
  private cluster?: ClusterLink;

  constructor(private readonly options: EventQueuesOptions) {
    const clock = options.clock ?? systemClock;
    const { log } = options;
    this.engine = new MongoPersistenceEngine(options.db, log, { writeDeadlineMs: options.writeDeadlineMs });
    this.system = new ActorSystem(this.engine);
    this.index = new LiveIndex(options.db, log);
    this.hooks = new EffectHooks(log);
    this.registry = new ActorRegistry({
      system: this.system,
      engine: this.engine,
      clock,
      log,
      snapshotEvery: options.snapshotEvery,
      hooks: this.hooks,
      liveIndex: this.index,
    });
    this.idle = new IdleSweeper({
      registry: this.registry,
      clock,
      idleMs: options.idleMs,
      flush: () => this.engine.flushAll(),
      releaseLease: async (eventId, token) => this.cluster?.ownership.release(eventId, token),
      log,
    });
  }

  /**
   * From now on every actor runs under a lease (fencing token) and calls for events owned by another
   * instance are forwarded. Must be called before start().
   */
  attachCluster(link: ClusterLink): void {
    this.cluster = link;
    this.registry.useLeases(link.ownership, link.remote !== undefined);
    link.ownership.onLost((eventId, token) => {
      const running = this.registry.running(eventId);
      if (!running || running.token !== token) return;
      this.options.log.warn({ eventId, leaseToken: token }, 'lease taken over by another instance; stopping this actor');
      this.registry.drop(eventId, running);
    });
  }

  /** Indexes, then wake every actor that has live offers or a pending on-sale (their timers must run). */
  async start(): Promise<void> {
    await this.engine.ensureIndexes();
    await Promise.all((await this.liveEventIds()).map((eventId) => this.wake(eventId)));
    this.idle.start();
  }

  onEffects(listener: EffectListener): void {
    this.hooks.onEffects(listener);
  }
  /** Handlers awaited before a command is acknowledged (tickets must exist before "paid" is said). */
  beforeAck(handler: CriticalEffectHandler): void {
    this.hooks.beforeAck(handler);
  }
  onRecovered(handler: RecoveryHandler): void {
    this.hooks.onRecovered(handler);
  }

  /** Creates the event's queue. Durable when it resolves. */
  async create(eventId: string, config: EventConfig): Promise<ReplyOf<'create'>> {
    this.registry.known(eventId);
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
      // The core's reply to a command of type C is ReplyOf<C['type']> (core/types.ts).
      async (actor) => (await this.registry.ask(actor, (sender) => ({ kind: 'command', cmd, sender }))) as ReplyOf<C['type']>,
      (remote, owner) => remote.command(owner, eventId, cmd),
    );
  }

  /**
   * Runs commands another instance verified and batched (cluster/command-batcher.ts) on this
   * instance's actor, as one actor message: applied in order, durable together, one outcome per
   * command. Only where the actor runs (never forwarded again).
   */
  async commandBatch(eventId: string, cmds: Command[]): Promise<BatchOutcome[]> {
    const actor = await this.registry.ensure(eventId);
    const replies = (await this.registry.ask(actor, (sender) => ({ kind: 'batch', cmds, sender }))) as ActorReply[];
    return replies.map((r): BatchOutcome => {
      if (r.ok) return { reply: r.value as Reply };
      return { error: 'error' in r ? toDomainError(r.error) : new Unavailable() };
    });
  }

  /**
   * Runs a read-only function inside the actor (serialised with its commands). Only on the
   * instance running the actor: elsewhere it fails with OwnedElsewhere (503); use the named reads.
   */
  async read<T>(eventId: string, read: (state: QueueState, now: number) => T): Promise<T> {
    return this.registry.read(await this.registry.ensure(eventId), read);
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

  /** The facts of the event's draw (the seed only once revealed), and the user's entry id if any. */
  drawFacts(eventId: string, userId?: string): Promise<DrawFacts> {
    return this.answer(eventId, { kind: 'draw', userId }) as Promise<DrawFacts>;
  }

  /** A named read, on whichever instance runs the actor. */
  async answer(eventId: string, read: RemoteRead, opts: CallOptions = {}): Promise<unknown> {
    const value = await this.onOwner(
      eventId,
      opts,
      (actor) => this.registry.read(actor, (state, now) => namedRead(read, state, now)),
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
      await this.registry.ensure(eventId);
    } catch (err) {
      if (err instanceof OwnedElsewhere) return;
      this.options.log.error({ eventId, err }, 'could not wake actor');
    }
  }

  /**
   * Whether this process runs the event's actor (recovered and serving), without waking anything.
   * An actor still starting is not counted: it may yet turn out to live on another instance.
   */
  isRunning(eventId: string): boolean {
    return this.registry.running(eventId)?.started === true;
  }

  async close(): Promise<void> {
    this.registry.stopAccepting();
    this.idle.stop();
    await this.engine.flushAll();
    this.registry.stopAll();
    await this.index.settled();
    // Leases go back only now: everything this process acknowledged is durable.
    await this.cluster?.ownership.close();
    this.system.close();
  }

  private async onOwner<T>(
    eventId: string,
    opts: CallOptions,
    local: (actor: RunningActor) => Promise<T>,
    forward: (remote: RemoteQueues, owner: OwnedElsewhere['owner']) => Promise<T>,
  ): Promise<T> {
    const remote = this.cluster?.remote;
    const known = remote && !opts.here ? this.registry.ownerElsewhere(eventId) : undefined;
    if (remote && known) return forward(remote, known);
    let actor: RunningActor;
    try {
      actor = await this.registry.ensure(eventId, opts.allowUnknown);
    } catch (err) {
      if (err instanceof OwnedElsewhere && remote && !opts.here) return forward(remote, err.owner);
      throw err;
    }
    return local(actor);
  }
}
