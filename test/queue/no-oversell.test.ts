import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { auditQueue, loadQueueState } from '../../backend/src/queue/audit.js';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, payOffer } from '../support/fixtures.js';
import { mintBuyerTokens } from '../support/tokens.js';

/**
 * The rush: 2,000 buyers join at once for 100 tickets while offered buyers pay (or give the offer
 * back) as they get it. Sold never exceeds the tickets and every offer goes out in queue order.
 */
describe('queue: no oversell under concurrency', function () {
  this.timeout(240_000);
  let backend: Backend;
  after(async () => backend?.stop());

  it('sells exactly 100 of 100 to 2,000 concurrent joiners, each offer in queue order, one ticket per buyer', async () => {
    backend = await startBackend({ label: 'rush', env: { JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' } });
    const base = new Api(backend.url);
    const seller = (await base.signIn('Rush Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 100, maxPerBuyer: 1, offerWindowSec: 600 });
    const buyers = (await mintBuyerTokens(backend, 2_000, 'rush')).map((b) => ({ ...b, api: base.as(b.token) }));

    let maxSoldSeen = 0;
    const watch = setInterval(async () => {
      const a = (await base.get(`/api/events/${event.id}/availability`)).body;
      if (a?.sold !== undefined) maxSoldSeen = Math.max(maxSoldSeen, a.sold + a.held);
    }, 50);

    // Everyone joins at once.
    const joins = await Promise.all(buyers.map((b) => b.api.post(`/api/events/${event.id}/queue`, { quantity: 1 })));
    expect(joins.filter((r) => r.status === 201)).to.have.length(2_000);
    const order = joins.map((r, i) => ({ buyer: buyers[i]!, entry: r.body })).sort((x, y) => (x.entry.position ?? 0) - (y.entry.position ?? 0));
    expect(order.filter((o) => o.entry.status === 'offered')).to.have.length(100);

    // Offered buyers act as they get offers: every 5th gives it back, the rest pay. Repeat down the line.
    let paid = 0;
    let gaveBack = 0;
    const done = new Set<string>();
    while (paid < 100) {
      const front = order.filter((o) => !done.has(o.buyer.userId)).slice(0, 150);
      const entries = await Promise.all(front.map((o) => o.buyer.api.get(`/api/events/${event.id}/queue/me`)));
      const offered = front.filter((_, i) => entries[i]!.body.status === 'offered');
      expect(offered.length, 'someone must hold an offer while tickets remain').to.be.greaterThan(0);
      await Promise.all(
        offered.map(async (o, k) => {
          done.add(o.buyer.userId);
          if ((gaveBack + k) % 5 === 4 && gaveBack < 40) {
            gaveBack += 1;
            expect((await o.buyer.api.delete(`/api/events/${event.id}/queue/me`)).body.status).to.equal('left');
          } else {
            const tickets = await payOffer(o.buyer.api, event.id);
            expect(tickets).to.have.length(1);
            paid += 1;
          }
        }),
      );
    }
    clearInterval(watch);

    const availability = (await base.get(`/api/events/${event.id}/availability`)).body;
    expect(availability).to.include({ total: 100, sold: 100, held: 0, free: 0, soldOut: true });
    expect(maxSoldSeen).to.be.at.most(100);
    const ticketCounts = await Promise.all(buyers.map(async (b) => (await b.api.get('/api/tickets')).body.items.length as number));
    expect(ticketCounts.reduce((a, b) => a + b, 0)).to.equal(100);
    expect(Math.max(...ticketCounts)).to.equal(1);

    await backend.stop();
    const client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!);
    try {
      const audit = auditQueue(await loadQueueState(client.db(backend.dbName), event.id, pino({ level: 'silent' })));
      expect(audit).to.include({ skipped: 0, inversions: 0, sold: 100, held: 0 });
      expect(audit.offered).to.equal(100 + gaveBack);
    } finally {
      await client.close();
    }
  });
});
