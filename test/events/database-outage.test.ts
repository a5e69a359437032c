import { expect } from 'chai';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, eventBody, eventually } from '../support/fixtures.js';
import { outageDatabase } from '../support/hooks.js';
import type { EmbeddedDatabase } from '../../scripts/lib/embedded-database.js';
import { sellerAndBuyer } from './support.js';

// Stops its database (one of its own: the run's other backends never see the outage), and always starts it again.
describe('events: database unreachable', () => {
  let backend: Backend;
  let db: EmbeddedDatabase;
  before(async () => {
    db = await outageDatabase('events-outage');
    backend = await startBackend({ label: 'events-outage', env: { MONGODB_URL: db.url, MONGODB_TIMEOUT_MS: '500' } });
  });
  after(() => backend.stop());

  it('answers 503 with a clear message while the database is down, and recovers by itself when it is back', async () => {
    const { anon, seller, buyer } = await sellerAndBuyer(backend.url, 'outage');
    const event = await createEvent(seller, { name: 'Outage Show' });
    const tickets = await buyer.get('/api/tickets');
    expect(tickets.status).to.equal(200);

    await db.stop();
    try {
      const attempts = [
        ['search', () => anon.get('/api/events')],
        ['read', () => anon.get(`/api/events/${event.id}`)],
        ['create', () => seller.post('/api/events', eventBody({ name: 'During Outage' }))],
        ['edit', () => seller.patch(`/api/events/${event.id}`, { name: 'Edited During Outage' })],
        ['my tickets', () => buyer.get('/api/tickets')],
        ['check-in', () => seller.post(`/api/events/${event.id}/check-in`, { code: 'abc' })],
        ['seller events', () => seller.get('/api/seller/events')],
      ] as const;
      for (const [label, attempt] of attempts) {
        const res = await attempt();
        expect(res.status, label).to.equal(503);
        expect(res.body.error.code, label).to.equal('unavailable');
        expect(res.body.error.message, label)
          .to.match(/database/i)
          .and.not.match(/Mongo|ECONNREFUSED|at .*\.ts/);
        expect(res.headers.get('retry-after'), `${label}: Retry-After on a 503`).to.match(/^[1-9]\d*$/);
      }
      // Every 503, however it is made: health sets its status itself.
      const health = await anon.get('/api/health');
      expect(health.status).to.equal(503);
      expect(health.headers.get('retry-after')).to.match(/^[1-9]\d*$/);
    } finally {
      await db.start();
    }

    const back = await eventually(
      async () => {
        const res = await anon.get(`/api/events/${event.id}`);
        return res.status === 200 ? res : undefined;
      },
      30_000,
      'the API to answer again',
    );
    expect(back.body.name).to.equal('Outage Show');
    expect((await seller.post('/api/events', eventBody({ name: 'After Outage' }))).status).to.equal(201);
    expect((await buyer.get('/api/tickets')).status).to.equal(200);
    // Nothing attempted during the outage happened.
    const names = (await anon.get('/api/events?pageSize=100')).body.items.map((e: { name: string }) => e.name);
    expect(names).to.include.members(['Outage Show', 'After Outage']);
    expect(names).not.to.include.members(['During Outage']);
    expect(names).not.to.include('Edited During Outage');
  });
});
