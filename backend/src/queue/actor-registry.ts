import { LRUCache } from 'lru-cache';
import { DomainError, NotFound, Unavailable } from '../errors.js';
import { recoverActor, QUERY_TIMEOUT_MS, type RecoveryDeps, type RunningActor } from './actor-recovery.js';
import { ActorTimer } from './actor-timer.js';
import type { QueueState } from './core/index.js';
import { toDomainError } from './core-errors.js';
import type { ActorMessage, ActorReply } from './event-actor.js';
import type { ReplyTo } from './nact-adapter.js';
import { OwnedElsewhere, type EventOwnership, type RemoteOwner } from './ownership.js';

/**
 * The event actors running in this process: spawns one on first use (under a lease in a cluster),
 * hands it out once recovered, talks to it, and stops it.
 */
export class ActorRegistry {
  private readonly actors = new Map<string, RunningActor>();
  /** Ids recently found to have no event, so a burst of calls for them costs no look-up each. */
  private readonly unknown = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });
  private ownership?: EventOwnership;
  /** Forward calls for events another instance runs (several instances); else only leases are used. */
  private forwarding = false;
  private closed = false;

  constructor(private readonly deps: RecoveryDeps) {}

  /** From now on every actor runs under a lease (fencing token). */
  useLeases(ownership: EventOwnership, forwarding: boolean): void {
    this.ownership = ownership;
    this.forwarding = forwarding;
  }

  running(eventId: string): RunningActor | undefined {
    return this.actors.get(eventId);
  }

  all(): [string, RunningActor][] {
    return [...this.actors];
  }

  /** The event is being created: it is no longer unknown. */
  known(eventId: string): void {
    this.unknown.delete(eventId);
  }

  /**
   * The other instance that `ensure` would name (OwnedElsewhere) right now, known without I/O —
   * so a burst of calls forwarded from here costs no thrown error each.
   */
  ownerElsewhere(eventId: string): RemoteOwner | undefined {
    if (this.closed || !this.forwarding || this.actors.has(eventId) || this.unknown.has(eventId)) return undefined;
    return this.ownership?.cachedOwner(eventId);
  }

  /** The running actor of an event, spawned and recovered from the journal if needed. */
  async ensure(eventId: string, allowUnknown = false): Promise<RunningActor> {
    if (this.closed) throw new Unavailable('Shutting down');
    if (!allowUnknown && this.unknown.has(eventId)) throw new NotFound('Event');
    let actor = this.actors.get(eventId);
    if (!actor) {
      // Forwarding a burst of calls for an event that lives elsewhere must not cost a lease look-up each.
      const owner = this.forwarding ? this.ownership?.cachedOwner(eventId) : undefined;
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

  /** Asks the actor on a caller's behalf (which keeps it from being stopped as idle). */
  ask(actor: RunningActor, make: (sender: ReplyTo<ActorReply>) => ActorMessage): Promise<unknown> {
    actor.lastUsed = this.deps.clock.now();
    return this.peek(actor, make);
  }

  /** Runs `read` inside the actor (serialised with its commands); `touch: false` for the idle sweep's own look. */
  async read<T>(actor: RunningActor, read: (state: QueueState, now: number) => T, touch = true): Promise<T> {
    let result: [T] | undefined;
    const run = (state: QueueState, now: number) => {
      result = [read(state, now)];
    };
    const make = (sender: ReplyTo<ActorReply>): ActorMessage => ({ kind: 'read', read: run, sender });
    await (touch ? this.ask(actor, make) : this.peek(actor, make));
    if (!result) throw new Unavailable();
    return result[0];
  }

  /** Stops the event's actor (if `running` is still it) and its timer. */
  drop(eventId: string, running: RunningActor): void {
    this.forget(eventId, running);
    if (running.handle) this.deps.system.stop(running.handle); // without one it is still taking its lease (and will see `closed`)
  }

  /** Shutting down: from now on calls answer 503 (running actors finish what they hold). */
  stopAccepting(): void {
    this.closed = true;
  }

  stopAll(): void {
    this.stopAccepting();
    for (const [eventId, actor] of this.actors) this.drop(eventId, actor);
  }

  private async peek(actor: RunningActor, make: (sender: ReplyTo<ActorReply>) => ActorMessage): Promise<unknown> {
    if (!actor.handle) throw new Unavailable();
    let answer: ActorReply;
    try {
      answer = await this.deps.system.ask(actor.handle, make, QUERY_TIMEOUT_MS);
    } catch {
      throw new Unavailable('The event is busy recovering; try again in a moment');
    }
    if (answer.ok) return answer.value;
    if ('error' in answer) throw toDomainError(answer.error);
    throw new Unavailable();
  }

  private forget(eventId: string, running: RunningActor): void {
    running.timer.stop();
    if (this.actors.get(eventId) === running) this.actors.delete(eventId);
    this.deps.liveIndex.forget(eventId);
  }

  private spawn(eventId: string, creating: boolean): RunningActor {
    const running: RunningActor = {
      ready: Promise.resolve(),
      lastUsed: this.deps.clock.now(),
      timer: new ActorTimer(this.deps.clock, () => {
        if (this.actors.get(eventId) === running && running.handle) this.deps.system.tell(running.handle, { kind: 'timer' });
      }),
    };
    running.ready = this.start(eventId, running, creating).then(() => {
      running.started = true;
    });
    return running;
  }

  /** Under a lease (cluster): check the event exists, take its lease, then recover it fenced by the token. */
  private async start(eventId: string, running: RunningActor, creating: boolean): Promise<void> {
    const { ownership } = this;
    if (ownership) {
      try {
        if (!creating && !(await this.deps.engine.exists(eventId))) {
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
      if (ownership && running.token !== undefined) {
        const why = 'could not give back the lease of an actor that failed to start';
        void ownership.release(eventId, running.token).catch((releaseErr: unknown) => this.deps.log.warn({ eventId, err: releaseErr }, why));
      }
      throw err;
    }
  }

  private async recover(eventId: string, running: RunningActor, creating: boolean): Promise<void> {
    const { log } = this.deps;
    let exists: boolean;
    try {
      exists = await recoverActor(this.deps, eventId, running, {
        ownership: this.ownership,
        crashed: (err) => {
          log.error({ eventId, err }, 'event actor crashed; it will recover on next use');
          this.forget(eventId, running);
        },
        broken: (err) => {
          if (this.actors.get(eventId) !== running) return;
          log.warn({ eventId, err }, 'journal write failed; restarting the actor from the database');
          this.drop(eventId, running);
        },
      });
    } catch (err) {
      this.drop(eventId, running);
      throw err instanceof NotFound || err instanceof Unavailable ? err : new Unavailable();
    }
    if (!exists && !creating) {
      // No such event: nothing was ever created under this key. Do not keep an actor for it.
      this.unknown.set(eventId, true);
      this.drop(eventId, running);
      throw new NotFound('Event');
    }
  }
}
