/**
 * Issue 12, part 7: `Idempotency-Key` on event creation and checkout start. Same key, same caller,
 * same request → the same answer (stored durably in MongoDB under a unique index); the same key
 * with a different request → 409; a request that failed does not keep its key.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { Api } from '../support/api.js';
import { sharedBackend, type Backend } from '../support/backend.js';
import { createEvent, eventBody, eventually, inDays } from '../support/fixtures.js';
import { buyerWithOffer } from './helpers.js';

const withKey = (api: Api, method: string, path: string, body: unknown, key: string) => api.request(method, path, body, { 'idempotency-key': key });

describe('payments: Idempotency-Key on event creation and checkout start', () => {
  let backend: Backend;
  let api: Api;
  let seller: Api;

  before(async () => {
    backend = await sharedBackend();
    api = new Api(backend.url);
    ({ api: seller } = await api.signIn('Idempotent Seller', 'seller'));
  });

  const myEventsNamed = async (who: Api, name: string) => (await who.get('/api/seller/events?pageSize=100')).body.items.filter((e: any) => e.name === name);

  it('creates an event once for one key: the retry gets the same event, marked as replayed', async () => {
    const key = randomUUID();
    const body = eventBody({ name: 'Retried Gala' });
    const first = await withKey(seller, 'POST', '/api/events', body, key);
    const again = await withKey(seller, 'POST', '/api/events', body, key);
    expect(first.status).to.equal(201);
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(await myEventsNamed(seller, 'Retried Gala')).to.have.length(1);
  });

  it('refuses the same key with a different body (409), creating nothing', async () => {
    const key = randomUUID();
    expect((await withKey(seller, 'POST', '/api/events', eventBody({ name: 'Key Owner' }), key)).status).to.equal(201);
    const other = await withKey(seller, 'POST', '/api/events', eventBody({ name: 'Key Thief' }), key);
    expect(other.status).to.equal(409);
    expect(other.body.error).to.deep.include({ code: 'conflict' });
    expect(other.body.error.message).to.match(/already used for a different request/);
    expect(await myEventsNamed(seller, 'Key Thief')).to.have.length(0);
  });

  it("keeps one caller's key apart from another's", async () => {
    const key = randomUUID();
    const { api: otherSeller } = await api.signIn('Other Idempotent Seller', 'seller');
    const body = eventBody({ name: 'Shared Key Show' });
    const mine = await withKey(seller, 'POST', '/api/events', body, key);
    const theirs = await withKey(otherSeller, 'POST', '/api/events', body, key);
    expect(mine.status).to.equal(201);
    expect(theirs.status).to.equal(201);
    expect(theirs.body.id).to.not.equal(mine.body.id);
    expect(theirs.body.ownerId).to.not.equal(mine.body.ownerId);
  });

  it('does not keep the key of a request that failed: fixed and retried, it runs', async () => {
    const key = randomUUID();
    const past = await withKey(seller, 'POST', '/api/events', eventBody({ name: 'Too Late', eventDate: inDays(-1) }), key);
    expect(past.status).to.equal(400);
    const fixed = await withKey(seller, 'POST', '/api/events', eventBody({ name: 'Too Late' }), key);
    expect(fixed.status).to.equal(201);
  });

  it('refuses a malformed key', async () => {
    const res = await withKey(seller, 'POST', '/api/events', eventBody(), 'x'.repeat(300));
    expect(res.status).to.equal(400);
    expect(res.body.error.message).to.match(/Idempotency-Key/);
  });

  it('starts checkout once for one key, and refuses the key for another request', async () => {
    const event = await createEvent(seller, { name: 'Idempotent Checkout', price: 1200 });
    const { buyer } = await buyerWithOffer(api, event.id, 1);
    const key = randomUUID();
    const path = `/api/events/${event.id}/checkout`;
    const first = await withKey(buyer, 'POST', path, { flow: 'site' }, key);
    const again = await withKey(buyer, 'POST', path, { flow: 'site' }, key);
    expect(first.status).to.equal(200);
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    const other = await withKey(buyer, 'POST', path, { flow: 'popup' }, key);
    expect(other.status).to.equal(409);
  });

  it('stores keys durably in MongoDB under a unique index', async () => {
    const client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!);
    try {
      const keys = client.db(backend.dbName).collection('idempotency_keys');
      const index = await eventually(async () => (await keys.indexes()).find((i) => i.name === 'scope_caller_key_unique'), 10_000, 'the unique index');
      expect(index.unique).to.equal(true);
      expect(index.key).to.deep.equal({ scope: 1, callerId: 1, key: 1 });
      expect(await keys.countDocuments({ scope: 'events.create', state: 'done' })).to.be.at.least(3);
    } finally {
      await client.close();
    }
  });
});
