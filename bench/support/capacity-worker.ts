/**
 * Child process of the capacity bench: puts N buyers into one event's queue through the real
 * EventQueues (actor + journal + snapshots on the database), then reports its memory.
 */
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { EventQueues } from '../../backend/src/queue/event-queues.js';

const [mongoUrl, dbName, eventId, countText] = process.argv.slice(2);
const count = Number(countText);
const client = new MongoClient(mongoUrl!);
await client.connect();
const queues = new EventQueues({ db: client.db(dbName), log: pino({ level: 'warn' }), snapshotEvery: 5_000, idleMs: 0 });
await queues.start();
await queues.create(eventId!, {
  totalTickets: 1_000,
  maxPerBuyer: 1,
  offerWindowSec: 3_600,
  salesStartAt: null,
  price: 1000,
  currency: 'usd',
  cancelled: false,
});
const started = performance.now();
const inFlight = 2_000;
for (let i = 0; i < count; i += inFlight) {
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count - i) }, (_, k) =>
      queues.command(eventId!, { type: 'join', entryId: `e_${i + k}`, userId: `cap_${i + k}`, quantity: 1 }),
    ),
  );
}
const seconds = (performance.now() - started) / 1000;
await queues.engine.flushAll();
(globalThis as { gc?: () => void }).gc?.();
const memory = process.memoryUsage();
const availability = await queues.availability(eventId!);
await queues.close();
// Restart the actor in this process: a fresh registry recovers it from snapshot + journal.
const recoverStarted = performance.now();
const again = new EventQueues({ db: client.db(dbName), log: pino({ level: 'warn' }), snapshotEvery: 5_000, idleMs: 0 });
const recovered = await again.entryOfUser(eventId!, `cap_${Math.floor(count / 2)}`);
const recoverMs = performance.now() - recoverStarted;
await again.close();
process.stdout.write(
  `${JSON.stringify({ joinsPerSec: count / seconds, rss: memory.rss, heapUsed: memory.heapUsed, availability, recoverMs, recoveredPosition: recovered?.position })}\n`,
);
await client.close();
process.exit(0);
