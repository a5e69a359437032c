import { expect } from 'chai';
import { Conflict } from '../../backend/src/errors.js';
import { eventBody } from '../support/fixtures.js';
import { withOfflineApp } from '../tickets/support/offline.js';

const seller = { _id: 'guarded_seller', name: 'Guarded Seller', role: 'seller' as const, createdAt: new Date() };

// Over HTTP in demo mode every seller can take charges; the hook itself is checked in process.
describe('events: the publish guard (payments installs it)', () => {
  it('refuses a paid event from a seller who cannot take charges, saying why, and creates nothing — not even a queue', async () => {
    const dbName = `events_guard_${process.pid}_${Date.now().toString(36)}`;
    await withOfflineApp(process.env.QUEUETIX_TEST_MONGODB_URL!, dbName, async ({ events, queues, client }) => {
      const asked: { price: number; currency: string }[] = [];
      events.setPublishGuard(async (who, attempt) => {
        expect(who._id).to.equal(seller._id);
        asked.push(attempt);
        throw new Conflict('Finish Stripe onboarding before selling paid tickets: charges are not enabled yet');
      });
      const refused = await events
        .create(seller, { ...eventBody({ price: 1500, currency: 'eur' }), salesStartAt: null, allowedOrigins: [] })
        .catch((err: unknown) => err);
      expect(refused).to.be.instanceOf(Conflict);
      expect((refused as Conflict).message).to.match(/Stripe/);
      expect(asked).to.deep.equal([{ price: 1500, currency: 'eur' }]);
      expect(await events.repo.isEmpty()).to.equal(true);
      expect(await client.db(dbName).collection('journal').countDocuments()).to.equal(0);

      // A free event needs no payments, so the guard is not asked; making it paid later is.
      const free = await events.create(seller, { ...eventBody({ price: 0 }), salesStartAt: null, allowedOrigins: [] });
      expect(asked).to.have.length(1);
      expect(await client.db(dbName).collection('journal').countDocuments()).to.equal(1);
      const repriced = await events.update(free.id, seller, { price: 900 }).catch((err: unknown) => err);
      expect(repriced).to.be.instanceOf(Conflict);
      expect((await events.read(free.id)).price).to.equal(0);
      expect(await queues.read(free.id, (state) => state.config.price)).to.equal(0);
    });
  });
});
