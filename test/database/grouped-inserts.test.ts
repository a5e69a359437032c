import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { GroupedInserts } from '../../backend/src/storage/grouped-inserts.js';
import { testDatabase } from '../support/hooks.js';
import { insertMonitor } from '../support/insert-monitor.js';

interface Doc {
  _id: string;
  n: number;
  [key: string]: unknown;
}

/** The grouped insert of the tickets, the mail outbox and checkout sessions, against the real FerretDB. */
describe('storage: inserts grouped per turn of the event loop', function () {
  this.timeout(30_000);
  const dbName = `grouped_${process.pid}_${Date.now().toString(36)}`;
  const monitor = insertMonitor();
  const { inserts } = monitor;

  const collection = (name: string) => monitor.mongo.db(dbName).collection<Doc>(name);
  const ids = async (name: string) => (await collection(name).find().sort({ _id: 1 }).toArray()).map((doc) => doc._id);

  it('sends what callers hand over in one turn as one command, and stores every document', async () => {
    const grouped = new GroupedInserts(collection('one_command'));
    inserts.length = 0;
    const results = await Promise.all([
      grouped.insert([{ _id: 'a1', n: 1 }]),
      grouped.insert([
        { _id: 'b1', n: 1 },
        { _id: 'b2', n: 2 },
      ]),
      grouped.insert([{ _id: 'c1', n: 1 }]),
    ]);
    expect(results).to.deep.equal([
      { inserted: 1, duplicates: [] },
      { inserted: 2, duplicates: [] },
      { inserted: 1, duplicates: [] },
    ]);
    expect(inserts).to.have.length(1);
    expect(await ids('one_command')).to.deep.equal(['a1', 'b1', 'b2', 'c1']);
    // A later turn is a command of its own.
    await grouped.insert([{ _id: 'd1', n: 1 }]);
    expect(inserts).to.have.length(2);
  });

  it("tells each caller which of its own documents were already stored, leaving the others' alone", async () => {
    const grouped = new GroupedInserts(collection('duplicates'));
    await grouped.insert([{ _id: 'x2', n: 0 }]);
    const [first, second] = await Promise.all([
      grouped.insert([{ _id: 'x1', n: 1 }]),
      grouped.insert([
        { _id: 'x3', n: 3 },
        { _id: 'x2', n: 2 },
        { _id: 'x4', n: 4 },
      ]),
    ]);
    expect(first).to.deep.equal({ inserted: 1, duplicates: [] });
    expect(second).to.deep.equal({ inserted: 2, duplicates: [1] });
    expect(await ids('duplicates')).to.deep.equal(['x1', 'x2', 'x3', 'x4']);
    // The stored document is the first one: a duplicate changes nothing.
    expect((await collection('duplicates').findOne({ _id: 'x2' }))?.n).to.equal(0);
  });

  it('fails only the caller whose document the database refused for another reason', async () => {
    const grouped = new GroupedInserts(collection('refusals'));
    const [good, bad] = await Promise.allSettled([grouped.insert([{ _id: 'ok', n: 1 }]), grouped.insert([{ _id: 'bad', n: 1, $nope: 1 }])]);
    expect(good).to.deep.equal({ status: 'fulfilled', value: { inserted: 1, duplicates: [] } });
    expect(bad.status).to.equal('rejected');
    expect(await ids('refusals')).to.deep.equal(['ok']);
  });

  it('fails every caller when the command itself fails', async () => {
    const closed = await new MongoClient(testDatabase().url, { serverSelectionTimeoutMS: 1_000 }).connect();
    await closed.close();
    const grouped = new GroupedInserts(closed.db(dbName).collection<Doc>('unreachable'));
    const settled = await Promise.allSettled([grouped.insert([{ _id: 'u1', n: 1 }]), grouped.insert([{ _id: 'u2', n: 2 }])]);
    expect(settled.map((s) => s.status)).to.deep.equal(['rejected', 'rejected']);
    expect(await ids('unreachable')).to.deep.equal([]);
  });
});
