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

/** nact.configurePersistence as it really is (a method type compares its parameter both ways, so nact's export fits). */
const persistence: { plugin(engine: JournalEngine): nact.Plugin } = { plugin: nact.configurePersistence };

/** In the mailbox, a live message or (during recovery) a journaled record; the journal holds the bare record. */
type Envelope<Msg, Rec> = { message: Msg } | { record: Rec };

/** Where an asked actor sends its answer. */
export type ReplyTo<Reply> = nact.Ref<Reply>;

/** A running actor that takes messages of type Msg. */
export class ActorHandle<Msg> {
  constructor(readonly ref: nact.Ref<Envelope<Msg, unknown>>) {}
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
  snapshotEvery: number;
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

  constructor(engine: JournalEngine) {
    this.system = nact.start(persistence.plugin(engine));
  }

  spawnPersistent<State, Msg, Rec>(behaviour: PersistentBehaviour<State, Msg, Rec>, options: PersistentActorOptions<State, Rec>): ActorHandle<Msg> {
    const f = async (state: State, envelope: Envelope<Msg, Rec>, ctx: nact.ActorContext<Envelope<Msg, Rec>, nact.ActorSystemRef>): Promise<State> => {
      if ('record' in envelope) return behaviour.replay(state, envelope.record);
      if (!isPersistent(ctx)) throw new Error(`nact gave the persistent actor ${options.name} no persist()`);
      return behaviour.receive(state, envelope.message, (record) => ctx.persist({ record }));
    };
    const ref = nact.spawnPersistent(this.system, f, options.key, options.name, {
      initialStateFunc: () => options.initialState(),
      snapshotEvery: options.snapshotEvery,
      snapshotEncoder: (state) => options.encodeSnapshot(state),
      snapshotDecoder: (data) => options.decodeSnapshot(data),
      encoder: (envelope) => ('record' in envelope ? envelope.record : envelope.message),
      decoder: (data) => ({ record: options.decodeRecord(data) }),
      onCrash: (_msg, err, ctx) => {
        options.onCrash(err);
        return ctx.stop;
      },
    });
    return new ActorHandle<Msg>(ref);
  }

  /** Sends a message that carries its own ReplyTo and waits (at most timeoutMs) for the answer. */
  ask<Msg, Reply>(actor: ActorHandle<Msg>, make: (replyTo: ReplyTo<Reply>) => Msg, timeoutMs: number): Promise<Reply> {
    const factory: nact.QueryMsgFactory<Envelope<Msg, unknown>, Reply> = (replyTo) => ({ message: make(replyTo) });
    return nact.query(actor.ref, factory, timeoutMs);
  }

  tell<Msg>(actor: ActorHandle<Msg>, message: Msg): void {
    nact.dispatch(actor.ref, { message });
  }

  stop(actor: ActorHandle<unknown>): void {
    try {
      nact.stop(actor.ref);
    } catch {
      /* already stopped */
    }
  }

  close(): void {
    nact.stop(this.system);
  }
}

/** Answers an ask. */
export function reply<Reply>(to: ReplyTo<Reply>, value: Reply): void {
  nact.dispatch(to, value);
}
