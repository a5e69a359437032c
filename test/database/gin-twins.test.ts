import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { testDatabase } from '../support/hooks.js';

/**
 * The embedded database answers lookups from indexes (docs/database.md): every btree FerretDB makes
 * for an index declared through the mongodb driver gets a GIN twin on the same expression, also for
 * collections created after the database started, and PostgreSQL plans FerretDB's lookups on them.
 */
describe('embedded database: GIN twins of FerretDB indexes', function () {
  this.timeout(60_000);
  const dbName = `gin_${process.pid}_${Date.now().toString(36)}`;
  let mongo: MongoClient;
  let sql: pg.Client;

  before(async () => {
    const database = testDatabase();
    if (!database.postgres) throw new Error('the test run is not on the embedded PostgreSQL');
    mongo = await new MongoClient(database.url).connect();
    sql = new pg.Client({ connectionString: database.postgres.url('ferretdb') });
    await sql.connect();
  });
  after(async () => {
    await mongo?.close();
    await sql?.end();
  });

  const ginIndexes = async () =>
    (await sql.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexdef LIKE '%USING gin%'", [dbName])).rows.map((r) =>
      r.indexdef.replace(/^.* USING gin /, ''),
    );

  it('adds one for _id, for every key of a declared index and for a dotted path, on a collection made after start', async () => {
    const tickets = mongo.db(dbName).collection<{ _id: string; paymentId: string; seq: number; holder: { email: string } }>('tickets');
    await tickets.createIndex({ paymentId: 1, seq: 1 }, { unique: true });
    await tickets.createIndex({ 'holder.email': 1 });
    const gin = await ginIndexes();
    expect(gin).to.have.members([
      "(((_jsonb -> '_id'::text))) WITH (fastupdate=off)",
      "(((_jsonb -> 'paymentId'::text))) WITH (fastupdate=off)",
      "(((_jsonb -> 'seq'::text))) WITH (fastupdate=off)",
      "(((_jsonb #> '{holder,email}'::text[]))) WITH (fastupdate=off)",
    ]);
  });

  it('plans lookups by _id and by an indexed field on them, and the unique index still refuses a duplicate', async () => {
    const tickets = mongo.db(dbName).collection<{ _id: string; paymentId: string; seq: number }>('tickets');
    const docs = Array.from({ length: 2_000 }, (_, i) => ({ _id: `t_${i}`, paymentId: `pi_${i}`, seq: 0 }));
    await tickets.insertMany(docs);
    const indexUsed = async (filter: object) => JSON.stringify(await tickets.find(filter).explain());
    expect(await indexUsed({ _id: 't_1500' })).to.match(/Bitmap Index Scan.*_gin|_gin.*Bitmap Index Scan/);
    expect(await indexUsed({ paymentId: 'pi_1500' })).to.match(/Bitmap Index Scan.*_gin|_gin.*Bitmap Index Scan/);
    expect(await tickets.findOne({ paymentId: 'pi_1500' })).to.deep.equal({ _id: 't_1500', paymentId: 'pi_1500', seq: 0 });
    const duplicate = await tickets.insertOne({ _id: 'other', paymentId: 'pi_1', seq: 0 }).catch((err: { code?: number }) => err);
    expect(duplicate).to.have.property('code', 11000);
    expect(await tickets.countDocuments({ paymentId: 'pi_1' })).to.equal(1);
  });
});
