/**
 * `npm run bench -- database-lookups`: what one lookup costs on the embedded database as a
 * collection grows. FerretDB 1.24 on SQLite scans the table for every read, even by `_id`, so the
 * payment path's lookups (a checkout session, a payment's tickets) grow with the sale there; MongoDB
 * answers them from indexes. This measures the curve that bounds the on-sale bench on FerretDB.
 */
import { MongoClient } from 'mongodb';
import type { BenchSection } from './run.js';
import { fmt, table } from './stats.js';
import { scratchDir, startDatabase } from './support/environment.js';

const SIZES = [1_000, 5_000, 10_000, 20_000];
const LOOKUPS = 50;

export async function run(): Promise<BenchSection> {
  const db = await startDatabase(scratchDir('lookups'));
  const client = new MongoClient(db.url);
  try {
    const tickets = client.db('lookups').collection<{ _id: string; paymentId: string; seq: number }>('tickets');
    await tickets.createIndex({ paymentId: 1, seq: 1 }, { unique: true });
    const plan = await tickets.find({ _id: 't_0' }).explain();
    const rows: string[][] = [];
    let have = 0;
    for (const size of SIZES) {
      const docs = [];
      for (let i = have; i < size; i++) {
        docs.push({
          _id: `t_${i}`,
          paymentId: `pi_${i}`,
          seq: 0,
          eventId: 'ev_bench',
          userId: `user_${i}`,
          code: 'x'.repeat(22),
          amount: 2500,
          fee: 25,
          currency: 'usd',
          status: 'valid',
          purchasedAt: new Date(),
        });
      }
      for (let k = 0; k < docs.length; k += 1_000) await tickets.insertMany(docs.slice(k, k + 1_000));
      have = size;
      // Spread over the collection, so findOne's early stop averages out.
      const probe = (k: number) => Math.floor(((k + 0.5) * size) / LOOKUPS);
      const time = async (lookup: (k: number) => Promise<unknown>) => {
        const started = performance.now();
        for (let k = 0; k < LOOKUPS; k++) await lookup(probe(k));
        return (performance.now() - started) / LOOKUPS;
      };
      rows.push([
        fmt(size),
        fmt(await time((k) => tickets.find({ _id: `t_${k}` }).toArray()), 1),
        fmt(await time((k) => tickets.findOne({ _id: `t_${k}` })), 1),
        fmt(await time((k) => tickets.find({ paymentId: `pi_${k}` }).toArray()), 1),
        fmt(await time((k) => tickets.updateOne({ _id: `t_${k}` }, { $set: { status: 'valid' } })), 1),
      ]);
    }
    const planText = JSON.stringify((plan as { queryPlanner?: unknown }).queryPlanner ?? plan);
    return {
      title: 'Embedded database: what one lookup costs as a collection grows (FerretDB 1.24, SQLite)',
      markdown: [
        `Ticket-sized documents with a unique (paymentId, seq) index; ${LOOKUPS} lookups per row, spread over the collection, one at a time. \`explain\` of \`find({ _id })\`: \`${planText}\` — a table scan.`,
        '',
        table(['documents', 'find by _id (ms)', 'findOne by _id (ms)', 'find by paymentId (ms)', 'updateOne by _id (ms)'], rows),
        '',
        'Every column grows with the collection: the SQLite backend enforces unique indexes on insert but reads by scanning. On MongoDB these are index lookups. This is why the on-sale sell-out on the embedded database slows as tickets and checkout sessions accumulate (docs/operations.md, "The embedded database").',
      ].join('\n'),
    };
  } finally {
    await client.close();
    await db.stop();
  }
}
