import type { Logger } from '../logger.js';
import type { ActorRegistry } from './actor-registry.js';
import type { RunningActor } from './actor-recovery.js';
import type { Clock, TimerId } from './clock.js';
import { mustKeepRunning } from './live-index.js';

export interface IdleSweeperDeps {
  registry: ActorRegistry;
  clock: Clock;
  /** ACTOR_IDLE_MS: an actor nobody asked anything for this long, with nothing live, is stopped. */
  idleMs: number;
  /** Resolves once every journal write queued so far is durable. */
  flush(): Promise<void>;
  /** Gives the lease of a stopped actor back (cluster). */
  releaseLease(eventId: string, token: number): Promise<void>;
  log: Logger;
}

/**
 * Stops actors with nothing live (no offer deadline, no pending on-sale) that nobody used for
 * `idleMs`, giving back their memory and lease; the next call recovers them from the database.
 */
export class IdleSweeper {
  private timer?: TimerId;
  private current: Promise<string[]> = Promise.resolve([]);
  private stopped = false;

  constructor(private readonly deps: IdleSweeperDeps) {}

  start(): void {
    if (this.deps.idleMs > 0) this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
  }

  /** The sweep in progress (or the last one): the events it stopped. */
  settled(): Promise<string[]> {
    return this.current;
  }

  /** One pass over the running actors; resolves with the events it stopped. */
  async sweep(): Promise<string[]> {
    const now = this.deps.clock.now();
    const candidates = this.deps.registry.all().filter(([, running]) => running.started && now - running.lastUsed >= this.deps.idleMs);
    const stopped = await Promise.all(candidates.map(([eventId, running]) => this.stopIfIdle(eventId, running)));
    return candidates.filter((_, i) => stopped[i]).map(([eventId]) => eventId);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimeout(
      () => {
        this.current = this.sweep();
        void this.current.finally(() => this.schedule());
      },
      Math.min(60_000, this.deps.idleMs),
    );
  }

  private async stopIfIdle(eventId: string, running: RunningActor): Promise<boolean> {
    const { registry } = this.deps;
    const seen = running.lastUsed;
    // Used since (a command or read arrived): not idle. The sweep's own look does not count as use.
    const untouched = () => registry.running(eventId) === running && running.lastUsed === seen;
    try {
      const live = await registry.read(running, mustKeepRunning, false);
      if (live || !untouched()) return false;
      await this.deps.flush();
      if (!untouched()) return false;
      registry.drop(eventId, running);
      if (running.token !== undefined) await this.deps.releaseLease(eventId, running.token);
      return true;
    } catch (err) {
      this.deps.log.warn({ eventId, err }, 'idle stop failed');
      return false;
    }
  }
}
