import { expect } from 'chai';
import { UserRepository } from '../../backend/src/auth/user-repository.js';
import { insertMonitor } from '../support/insert-monitor.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** First sightings of users (a rush of never-seen tokens), stored in groups against the real FerretDB. */
describe('auth: new users stored in groups', function () {
  this.timeout(30_000);
  const dbName = `new_users_${process.pid}_${Date.now().toString(36)}`;
  const monitor = insertMonitor();
  const { inserts } = monitor;

  const storedIds = async () =>
    (
      await monitor.mongo
        .db(dbName)
        .collection<{ _id: string }>('users')
        .find({}, { projection: { _id: 1 } })
        .sort({ _id: 1 })
        .toArray()
    ).map((doc) => doc._id);

  it('stores users seen while a store is in flight, or just after it, in one more insert', async () => {
    // A longer linger than the default 2 ms, so a busy test machine cannot make the test flaky.
    const users = new UserRepository(monitor.mongo.db(dbName), 5_000, { lingerMs: 100 });
    inserts.length = 0;
    await users.ensure('u1', 'One');
    expect(inserts).to.have.length(1);
    // The store of u1 has just ended: the next one lingers, so users seen over the next turns join it.
    const next = [users.ensure('u2', 'Two')];
    await nextTurn();
    await nextTurn();
    next.push(users.ensure('u3', 'Three', 'buyer', 'three@example.test'), users.ensure('u2', 'Two again'));
    await Promise.all(next);
    expect(inserts).to.have.length(2);
    expect(inserts[1]!.command.documents.map((doc: { _id: string }) => doc._id)).to.deep.equal(['u2', 'u3']);
    expect(await storedIds()).to.deep.equal(['u1', 'u2', 'u3']);
    // Known now: no command at all.
    await users.ensure('u3', 'Three');
    expect(inserts).to.have.length(2);
  });

  it('stores a user seen on a quiet server at once, without lingering', async () => {
    const users = new UserRepository(monitor.mongo.db(`${dbName}_quiet`), 5_000, { lingerMs: 10_000 });
    const started = Date.now();
    await users.ensure('q1', 'Quiet');
    expect(Date.now() - started).to.be.below(5_000);
    expect((await users.get('q1'))?.name).to.equal('Quiet');
  });
});
