import type { Collection, CollectionOptions, Db, Document } from 'mongodb';

/**
 * Acknowledged means durable. Collections whose writes acknowledge a place in line or money (the
 * queue journal and its snapshots, leases that fence it, tickets, checkout sessions, refunds, Stripe
 * webhook events, refund jobs, the Idempotency-Key answers) write with `w: 'majority', j: true`: a write returns only once most
 * replica-set members hold it in their on-disk journal, so a crashed database host or a fail-over
 * never rolls back what we acknowledged. Their reads use majority read concern, so a decision about
 * money never rests on a write a fail-over could still undo. On a single mongod, and on FerretDB,
 * "majority" is that one server (FerretDB accepts both options; test/deploy/durability.test.ts).
 */
export const DURABLE_COLLECTION: CollectionOptions = {
  // `journal` is the driver's name for the wire protocol's `j`.
  writeConcern: { w: 'majority', journal: true },
  readConcern: { level: 'majority' },
};

export function durableCollection<T extends Document>(db: Db, name: string): Collection<T> {
  return db.collection<T>(name, DURABLE_COLLECTION);
}
