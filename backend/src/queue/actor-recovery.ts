import { Unavailable } from '../errors.js';
import type { Logger } from '../logger.js';
import { ActorTimer } from './actor-timer.js';
import type { Clock } from './clock.js';
import * as core from './core/index.js';
import type { QueueState } from './core/index.js';
import type { EffectHooks } from './effect-hooks.js';
import { decodeJournalRecord, eventActorBehaviour, type ActorMessage, type ActorReply, type JournalRecord } from './event-actor.js';
import type { LiveIndex } from './live-index.js';
import type { ActorHandle, ActorSystem } from './nact-adapter.js';
import type { EventOwnership } from './ownership.js';
import type { MongoPersistenceEngine } from './persistence/mongo-persistence-engine.js';

/** How long a caller waits for an actor's answer before answering 503. */
export const QUERY_TIMEOUT_MS = 15_000;

/** One event's actor in this process. */
export interface RunningActor {
  handle?: ActorHandle<ActorMessage>;
  ready: Promise<void>;
  /** When a caller last asked it something (the idle sweep's own looks do not count). */
  lastUsed: number;
  timer: ActorTimer;
  /** The fencing token of this actor's lease (cluster); absent when running without leases. */
  token?: number;
  /** Recovered and serving. */
  started?: boolean;
}

export interface RecoveryDeps {
  system: ActorSystem;
  engine: MongoPersistenceEngine;
  clock: Clock;
  log: Logger;
  snapshotEvery: number;
  hooks: EffectHooks;
  liveIndex: LiveIndex;
}

/** What recovery needs from the registry that runs the actor. */
export interface RecoveryCallbacks {
  ownership?: EventOwnership;
  /** The actor threw and nact stopped it: forget it; the next call recovers it. */
  crashed(err: unknown): void;
  /** A journal write failed: memory is ahead of the database; the actor must be restarted from it. */
  broken(err: unknown): void;
}

/**
 * Spawns the event's nact actor, which loads its snapshot and replays its journal (fenced by the
 * lease token in a cluster), then runs its start-up step. Resolves with whether the event exists.
 */
export async function recoverActor(deps: RecoveryDeps, eventId: string, running: RunningActor, callbacks: RecoveryCallbacks): Promise<boolean> {
  const { engine, system } = deps;
  engine.resetKey(eventId);
  const { token } = running;
  const { ownership } = callbacks;
  if (token !== undefined && ownership) engine.fence(eventId, { token, superseded: () => ownership.superseded(eventId, token) });
  let failRecovery: (err: unknown) => void = () => undefined;
  const recoveryFailed = new Promise<never>((_, reject) => (failRecovery = reject));
  recoveryFailed.catch(() => undefined); // only raced below; a crash after recovery has no one waiting

  const behaviour = eventActorBehaviour(eventId, {
    clock: deps.clock,
    beforeAck: (id, effects, state) => deps.hooks.runBeforeAck(id, effects, state),
    afterAck: (id, effects, state, reply, changedEntries) => {
      deps.liveIndex.track(id, state);
      deps.hooks.runAfterAck(id, effects, state, reply, changedEntries);
    },
    recovered: async (id, state) => {
      if (core.isCreated(state)) deps.liveIndex.track(id, state);
      await deps.hooks.runRecovered(id, state);
    },
    armTimer: (_id, at) => running.timer.arm(at),
    broken: (_id, err) => callbacks.broken(err),
  });

  running.handle = system.spawnPersistent<QueueState, ActorMessage, JournalRecord>(behaviour, {
    key: eventId,
    name: `event-${eventId}`,
    initialState: core.createState,
    decodeRecord: decodeJournalRecord,
    snapshotEvery: deps.snapshotEvery,
    snapshotSize: (state) => state.entries.length,
    encodeSnapshot: core.encodeSnapshot,
    decodeSnapshot: core.decodeSnapshot,
    onCrash: (err) => {
      failRecovery(new Unavailable());
      callbacks.crashed(err);
    },
  });

  let answer: ActorReply;
  try {
    answer = await Promise.race([
      system.ask<ActorMessage, ActorReply>(running.handle, (sender) => ({ kind: 'recovered', sender }), QUERY_TIMEOUT_MS),
      recoveryFailed,
    ]);
  } catch (err) {
    throw err instanceof Unavailable ? err : new Unavailable();
  }
  if (!answer.ok) throw new Unavailable();
  return answer.value === true;
}
