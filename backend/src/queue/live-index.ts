import type { Collection, Db } from 'mongodb';
import type { Logger } from '../logger.js';
import { DEFAULT_WRITE_DEADLINE_MS, withDeadline } from '../storage/deadline.js';
import * as core from './core/index.js';
import type { QueueState } from './core/index.js';

interface ActorIndexDoc {
  _id: string;
  /** The actor has something that must keep running (live offers, a pending on-sale). */
  live: boolean;
  updatedAt: Date;
}

/** Whether an event's actor must keep running: an offer deadline or an on-sale time is ahead of it. */
export function mustKeepRunning(state: QueueState): boolean {
  return core.nextDeadline(state) !== null || core.pendingOpeningAt(state) !== null;
}

/**
 * Which events have an actor that must keep running (`queue_actors`): woken at boot, and taken over
 * by the cluster's sweep when their owner dies. Derived from the state after every recovery and
 * acknowledged command, never set by hand; written only when it changes, in order per event.
 */
export class LiveIndex {
  private readonly index: Collection<ActorIndexDoc>;
  /** Per event: what was last written (undefined: unknown, write the next one) and the write chain. */
  private readonly written = new Map<string, { live?: boolean; chain: Promise<void> }>();

  constructor(
    db: Db,
    private readonly log: Logger,
  ) {
    this.index = db.collection<ActorIndexDoc>('queue_actors');
  }

  async liveIds(): Promise<string[]> {
    const live = await this.index.find({ live: true }).project<{ _id: string }>({ _id: 1 }).toArray();
    return live.map((doc) => doc._id);
  }

  /** Records the event's liveness as its state says now (fire-and-forget; a failed write is logged and healed by the next recovery). */
  track(eventId: string, state: QueueState): void {
    const live = mustKeepRunning(state);
    const slot = this.written.get(eventId) ?? { chain: Promise.resolve() };
    if (slot.live === live) return;
    slot.live = live;
    slot.chain = slot.chain.then(() =>
      withDeadline(
        this.index.updateOne({ _id: eventId }, { $set: { live, updatedAt: new Date() } }, { upsert: true }),
        DEFAULT_WRITE_DEADLINE_MS,
        'live-actor index write',
      )
        .then(() => undefined)
        .catch((err: unknown) => {
          if (slot.live === live) slot.live = undefined; // the next acknowledged command tries again
          this.log.warn({ eventId, live, err }, 'could not update the live-actor index');
        }),
    );
    this.written.set(eventId, slot);
  }

  /** The event's actor stopped: its next recovery writes its liveness again. */
  forget(eventId: string): void {
    const slot = this.written.get(eventId);
    if (!slot) return;
    slot.live = undefined;
    const chain = slot.chain;
    void chain.then(() => {
      if (this.written.get(eventId) === slot && slot.chain === chain && slot.live === undefined) this.written.delete(eventId);
    });
  }

  /** Resolves when every index write queued so far is done (shutdown, tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.written.values()].map((slot) => slot.chain));
  }
}
