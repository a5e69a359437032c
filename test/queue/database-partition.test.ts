import { expect } from 'chai';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, eventually } from '../support/fixtures.js';
import { startSilentProxy, type SilentProxy } from '../support/silent-proxy.js';
import { mintBuyerTokens } from '../support/tokens.js';

/**
 * A database that stops answering without closing its connections (a partition) must not hold
 * buyers' requests: a join that cannot be made durable is answered 503, nothing unacknowledged is
 * promised, and once the database answers again the same buyers are served, in order.
 */
describe('queue: a silent database (network partition)', function () {
  this.timeout(120_000);
  let proxy: SilentProxy;
  let backend: Backend;

  before(async () => {
    proxy = await startSilentProxy(new URL(process.env.QUEUETIX_TEST_MONGODB_URL!));
    backend = await startBackend({ label: 'partition', env: { MONGODB_URL: proxy.url, JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' } });
  });
  after(async () => {
    await backend?.stop();
    await proxy?.close();
  });

  /** A request the client gives up on after 25 s counts as hung (status 0). */
  const request = async (api: Api, method: 'GET' | 'POST', path: string, body?: unknown) => {
    try {
      return await Promise.race([api.request(method, path, body), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hung')), 25_000))]);
    } catch {
      return { status: 0, body: undefined };
    }
  };

  it('answers joins 503 with a clear message while silent, then serves the same buyers again, in order', async () => {
    const seller = (await new Api(backend.url).signIn('Partition Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 1, maxPerBuyer: 1 });
    const [first, known, stranger] = (await mintBuyerTokens(backend, 3, 'part')).map((b) => new Api(backend.url, b.token));
    expect((await first!.post(`/api/events/${event.id}/queue`, { quantity: 1 })).status).to.equal(201);
    // Seen before the partition: their join needs only the journal, not a new user record.
    expect((await known!.get('/api/me')).status).to.equal(200);

    proxy.silence();
    for (const buyer of [known!, stranger!]) {
      const res = await request(buyer, 'POST', `/api/events/${event.id}/queue`, { quantity: 1 });
      expect(res.status, JSON.stringify(res.body)).to.equal(503);
      expect(res.body.error.code).to.equal('unavailable');
      expect(res.body.error.message).to.be.a('string').that.is.not.empty;
    }
    const health = await request(new Api(backend.url), 'GET', '/api/health');
    expect(health.status, 'health answers while the database is silent').to.be.oneOf([200, 503]);

    proxy.restore();
    for (const buyer of [known!, stranger!]) {
      await eventually(
        async () => {
          const res = await buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 });
          return res.status === 201 || res.status === 200 ? true : undefined;
        },
        60_000,
        'joins served again after the partition',
      );
    }
    const mine = await first!.get(`/api/events/${event.id}/queue/me`);
    expect(mine.body.status).to.equal('offered');
    const positions = await Promise.all([known!, stranger!].map(async (b) => (await b.get(`/api/events/${event.id}/queue/me`)).body.position as number));
    expect(positions[0]).to.be.lessThan(positions[1]!);
  });
});
