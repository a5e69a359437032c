/** EventQueues on the test FerretDB with a SimulatedClock: actor lifecycle tests without waiting. */
import { MongoClient, type Db } from 'mongodb';
import { pino } from 'pino';
import { SimulatedClock } from '../../../backend/src/queue/clock.js';
import type { EventConfig } from '../../../backend/src/queue/core/index.js';
import { EventQueues, type ClusterLink } from '../../../backend/src/queue/event-queues.js';
import type { EventOwnership } from '../../../backend/src/queue/ownership.js';

export const log = pino({ level: 'silent' });

export function eventConfig(overrides: Partial<EventConfig> = {}): EventConfig {
  return { totalTickets: 10, maxPerBuyer: 2, offerWindowSec: 600, salesStartAt: null, price: 1_000, currency: 'usd', cancelled: false, ...overrides };
}

export async function connectTestDb(prefix: string): Promise<{ client: MongoClient; db: Db }> {
  const client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!);
  await client.connect();
  return { client, db: client.db(`${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`) };
}

export async function startQueues(db: Db, clock: SimulatedClock, opts: { idleMs?: number; cluster?: ClusterLink } = {}): Promise<EventQueues> {
  const queues = new EventQueues({ db, log, snapshotEvery: 1_000, idleMs: opts.idleMs ?? 0, clock });
  if (opts.cluster) queues.attachCluster(opts.cluster);
  await queues.start();
  return queues;
}

/** Creates the event (sales open from creation unless `salesStartAt` says otherwise). */
export async function createEvent(queues: EventQueues, eventId: string, overrides: Partial<EventConfig> = {}): Promise<void> {
  await queues.create(eventId, eventConfig(overrides));
}

/** A lease holder for one process that always wins, and records what it gives back. */
export class FakeOwnership implements EventOwnership {
  released: [string, number][] = [];
  private nextToken = 1;
  async acquire() {
    return { token: this.nextToken++ };
  }
  cachedOwner() {
    return undefined;
  }
  async superseded() {
    return false;
  }
  async release(eventId: string, token: number) {
    this.released.push([eventId, token]);
  }
  onLost() {}
  async close() {}
}
