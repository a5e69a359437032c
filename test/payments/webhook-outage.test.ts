import { expect } from 'chai';
import type { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { eventually } from '../support/fixtures.js';
import { outageDatabase } from '../support/hooks.js';
import type { EmbeddedDatabase } from '../../scripts/lib/embedded-database.js';
import { startStripeMock, type StripeMock } from '../support/stripe-mock.js';
import { buyerWithOffer, connectedSeller, createEvent, deliver, myTickets, newApi, READY_ACCOUNT, sessionCompletedEvent } from './helpers.js';

// Stops its database (one of its own: the run's other backends never see the outage), and always starts it again.
describe('payments: a webhook while the database is unreachable', () => {
  let stripe: StripeMock;
  let backend: Backend;
  let api: Api;
  let db: EmbeddedDatabase;
  before(async () => {
    db = await outageDatabase('webhook-outage');
    stripe = await startStripeMock();
    stripe.setAccountDefaults(READY_ACCOUNT);
    backend = await startBackend({
      label: 'webhook-outage',
      env: { MONGODB_URL: db.url, MONGODB_TIMEOUT_MS: '500', JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0', ...stripe.env },
    });
    api = newApi(backend);
  });
  after(async () => {
    await backend?.stop();
    await stripe?.stop();
  });

  it('answers 503 so Stripe retries, and issues the tickets once when the retry arrives', async () => {
    const { seller } = await connectedSeller(api, 'Outage Seller');
    const event = await createEvent(seller, { totalTickets: 3 });
    const { buyer } = await buyerWithOffer(api, event.id, 2);
    const { body } = await buyer.post(`/api/events/${event.id}/checkout`);
    const paid = sessionCompletedEvent(stripe, body.sessionId);

    await db.stop();
    try {
      const during = await deliver(api, stripe, paid);
      expect(during.status).to.equal(503);
      expect(during.body.error.code).to.equal('unavailable');
    } finally {
      await db.start();
    }

    const retried = await eventually(
      async () => {
        const res = await deliver(api, stripe, paid);
        return res.status === 200 ? res : undefined;
      },
      30_000,
      'the retried webhook to be accepted',
    );
    expect(retried.body.received).to.equal(true);
    for (let i = 0; i < 2; i++) expect((await deliver(api, stripe, paid)).status).to.equal(200);
    expect(await myTickets(buyer)).to.have.length(2);
    expect((await api.get(`/api/events/${event.id}/availability`)).body).to.include({ sold: 2, held: 0 });
  });
});
