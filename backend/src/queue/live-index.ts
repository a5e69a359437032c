import type { Collection, Db } from 'mongodb';

interface ActorIndexDoc {
  _id: string;
  /** The actor has something that must keep running (live offers, a pending on-sale). */
  live: boolean;
  updatedAt: Date;
}

/**
 * Which events have an actor that must keep running (`queue_actors`): woken at boot, and taken over
 * by the cluster's sweep when their owner dies.
 */
export class LiveIndex {
  private readonly index: Collection<ActorIndexDoc>;

  constructor(db: Db) {
    this.index = db.collection<ActorIndexDoc>('queue_actors');
  }

  async liveIds(): Promise<string[]> {
    const live = await this.index.find({ live: true }).project<{ _id: string }>({ _id: 1 }).toArray();
    return live.map((doc) => doc._id);
  }

  async mark(eventId: string, live: boolean): Promise<void> {
    await this.index.updateOne({ _id: eventId }, { $set: { live, updatedAt: new Date() } }, { upsert: true });
  }
}
