/**
 * The one place that touches nact's API: typed handles for a persistent actor, ask/tell/reply, and
 * the persistence engine plugged into the actor system. The rest of the shell never imports nact.
 */
import * as nact from 'nact';
import type { PersistedEvent, PersistedSnapshot } from './persistence/persisted.js';

/**
 * What nact really calls on a persistence engine (its persistent actor, in the nact package): its
 * typings type `events()` as a promise of DOM Events and `latestSnapshot()` as never empty.
 */
export interface JournalEngine {
  events(key: string, offset: number, limit?: number, tags?: string[]): { reduce<T>(fn: (acc: T, e: PersistedEvent, i: number) => T, initial: T): Promise<T> };
  latestSnapshot(key: string): Promise<PersistedSnapshot | undefined>;
  takeSnapshot(snapshot: PersistedSnapshot): Promise<void>;
  persist(event: PersistedEvent): Promise<void>;
}

/** What the snapshot encoder returns when a snapshot is not due yet (PersistentActorOptions.snapshotSize). */
const NOT_DUE = Symbol('snapshot not due');

/** nact.configurePersistence as it really is (a method type compares its parameter both ways, so nact's export fits). */
const persistence: { plugin(engine: JournalEngine): nact.Plugin } = { plugin: nact.configurePersistence };

/** In the mailbox, a live message or (during recovery) a journaled record; the journal holds the bare record. */
type Envelope<Msg, Rec> = { message: Msg } | { record: Rec };

/**
 * Where an asked actor sends its answer: a plain callback. nact's own query spawns a temporary
 * reference, registers it with the system and arms a timer for every call; on the join path that
 * was a measurable share of each request, so asks settle a promise directly (see Deadlines).
 */
export type ReplyTo<Reply> = (reply: Reply) => void;

/** A running actor that takes messages of type Msg. */
export class ActorHandle<Msg> {
  /** Set once we stop it or it crashed: an ask then fails at once, as nact's query did. */
  stopped = false;
  constructor(readonly ref: nact.Ref<Envelope<Msg, unknown>>) {}
}

/**
 * The time-outs of pending asks. Every ask of a system uses the same few time-outs, so for each
 * one the pending asks are in deadline order: one sweep timer per system, a map entry per ask.
 */
interface PendingAsk {
  at: number;
  fail: () => void;
}

class Deadlines {
  private readonly queues = new Map<number, Map<number, PendingAsk>>();
  private next = 0;
  private timer?: NodeJS.Timeout;

  add(timeoutMs: number, fail: () => void): number {
    let queue = this.queues.get(timeoutMs);
    if (!queue) this.queues.set(timeoutMs, (queue = new Map<number, PendingAsk>()));
    const id = this.next++;
    queue.set(id, { at: Date.now() + timeoutMs, fail });
    this.timer ??= setInterval(() => this.sweep(), 250).unref();
    return id;
  }

  settle(timeoutMs: number, id: number): void {
    this.queues.get(timeoutMs)?.delete(id);
  }

  private sweep(): void {
    const now = Date.now();
    for (const queue of this.queues.values()) {
      for (const [id, pending] of queue) {
        if (pending.at > now) break;
        queue.delete(id);
        pending.fail();
      }
    }
  }

  /** The system stops: nothing pending will be answered any more. */
  close(): void {
    clearInterval(this.timer);
    for (const queue of this.queues.values()) for (const pending of queue.values()) pending.fail();
    this.queues.clear();
  }
}

/** The behaviour of a persistent actor, split the way nact drives it. */
export interface PersistentBehaviour<State, Msg, Rec> {
  /** Recovery: rebuilds the state from one journaled record, in journal order. */
  replay(state: State, record: Rec): State;
  /** One live message; `persist` resolves once the record is durable. */
  receive(state: State, message: Msg, persist: (record: Rec) => Promise<void>): State | Promise<State>;
}

export interface PersistentActorOptions<State, Rec> {
  /** Persistence key (journal and snapshots). */
  key: string;
  name: string;
  initialState(): State;
  /** Checks a record read back from the journal. */
  decodeRecord(data: unknown): Rec;
  /** nact asks for a snapshot every this many journaled events; see snapshotSize for when one is taken. */
  snapshotEvery: number;
  /**
   * How many records a snapshot of this state holds (a queue's entries). A snapshot is taken only
   * once the events journaled since the last one reach half of that: snapshots then come at
   * doubling sizes while a line grows, so their cost per event stays flat (serialising 100,000
   * entries every 5,000 joins was a growing share of each join and its p99), and recovery replays
   * at most half the state's size in events after the snapshot. Without it, every snapshotEvery.
   */
  snapshotSize?(state: State): number;
  encodeSnapshot(state: State): unknown;
  decodeSnapshot(data: unknown): State;
  /** The behaviour threw (or recovery failed): the actor is stopped. */
  onCrash(err: unknown): void;
}

function isPersistent<M>(ctx: nact.ActorContext<M, nact.ActorSystemRef>): ctx is nact.PersistentActorContext<M, nact.ActorSystemRef> {
  return 'persist' in ctx && typeof ctx.persist === 'function';
}

/** One nact actor system, its persistence engine plugged in. */
export class ActorSystem {
  private readonly system: nact.ActorSystemRef;
  private readonly deadlines = new Deadlines();

  constructor(engine: JournalEngine) {
    this.system = nact.start(
      persistence.plugin({
        events: (key, offset, limit, tags) => engine.events(key, offset, limit, tags),
        latestSnapshot: (key) => engine.latestSnapshot(key),
        persist: (event) => engine.persist(event),
        // A snapshot not due yet (snapshotSize) reaches the engine as this marker: nothing to store.
        takeSnapshot: (snapshot) => (snapshot.data === NOT_DUE ? Promise.resolve() : engine.takeSnapshot(snapshot)),
      }),
    );
  }

  spawnPersistent<State, Msg, Rec>(behaviour: PersistentBehaviour<State, Msg, Rec>, options: PersistentActorOptions<State, Rec>): ActorHandle<Msg> {
    const f = async (state: State, envelope: Envelope<Msg, Rec>, ctx: nact.ActorContext<Envelope<Msg, Rec>, nact.ActorSystemRef>): Promise<State> => {
      if ('record' in envelope) return behaviour.replay(state, envelope.record);
      if (!isPersistent(ctx)) throw new Error(`nact gave the persistent actor ${options.name} no persist()`);
      return behaviour.receive(state, envelope.message, (record) => ctx.persist({ record }));
    };
    let journaledSinceSnapshot = 0;
    const ref = nact.spawnPersistent(this.system, f, options.key, options.name, {
      initialStateFunc: () => options.initialState(),
      snapshotEvery: options.snapshotEvery,
      snapshotEncoder: (state) => {
        journaledSinceSnapshot += options.snapshotEvery;
        if (options.snapshotSize && journaledSinceSnapshot < options.snapshotSize(state) / 2) return NOT_DUE;
        journaledSinceSnapshot = 0;
        return options.encodeSnapshot(state);
      },
      snapshotDecoder: (data) => options.decodeSnapshot(data),
      encoder: (envelope) => ('record' in envelope ? envelope.record : envelope.message),
      decoder: (data) => ({ record: options.decodeRecord(data) }),
      onCrash: (_msg, err, ctx) => {
        handle.stopped = true;
        options.onCrash(err);
        return ctx.stop;
      },
    });
    const handle = new ActorHandle<Msg>(ref);
    return handle;
  }

  /** Sends a message that carries its own ReplyTo and waits (at most timeoutMs) for the answer. */
  ask<Msg, Reply>(actor: ActorHandle<Msg>, make: (replyTo: ReplyTo<Reply>) => Msg, timeoutMs: number): Promise<Reply> {
    if (actor.stopped) return Promise.reject(new Error('Actor stopped or never existed. Query can never resolve'));
    return new Promise<Reply>((resolve, reject) => {
      const id = this.deadlines.add(timeoutMs, () => reject(new Error('Query Timeout')));
      const replyTo: ReplyTo<Reply> = (value) => {
        this.deadlines.settle(timeoutMs, id);
        resolve(value);
      };
      nact.dispatch(actor.ref, { message: make(replyTo) });
    });
  }

  tell<Msg>(actor: ActorHandle<Msg>, message: Msg): void {
    nact.dispatch(actor.ref, { message });
  }

  stop(actor: ActorHandle<unknown>): void {
    actor.stopped = true;
    try {
      nact.stop(actor.ref);
    } catch {
      /* already stopped */
    }
  }

  close(): void {
    this.deadlines.close();
    nact.stop(this.system);
  }
}

/** Answers an ask. */
export function reply<Reply>(to: ReplyTo<Reply>, value: Reply): void {
  to(value);
}
