import { expect } from 'chai';
import { EventList } from '@queuetix/contracts/events';
import { Api } from '../support/api.js';
import { startBackend } from '../support/backend.js';

describe('events: the demo seed', () => {
  it('seeds a demo organiser and varied events with images on an empty database, once', async () => {
    const first = await startBackend({ label: 'demo-seed', env: { SEED_DEMO: 'true' } });
    const dbName = first.dbName;
    try {
      const anon = new Api(first.url);
      const list = EventList.parse((await anon.get('/api/events')).body);
      expect(list.total).to.equal(6);
      expect(new Set(list.items.map((e) => e.ownerId))).to.deep.equal(new Set(['demo_seller']));
      expect(new Set(list.items.map((e) => e.currency)).size).to.be.at.least(3);
      expect(list.items.some((e) => e.price === 0)).to.equal(true);
      for (const e of list.items) expect(Date.parse(e.eventDate)).to.be.above(Date.now());

      const small = list.items.find((e) => e.totalTickets <= 10 && e.availability.salesOpen)!;
      expect(small, 'a small event on sale now').to.not.equal(undefined);
      const lottery = list.items.find((e) => e.salesStartAt !== null)!;
      expect(Date.parse(lottery.salesStartAt!)).to.be.above(Date.now());
      expect(lottery.availability.salesOpen).to.equal(false);
      const crowded = list.items.find((e) => e.availability.waiting > 0)!;
      expect(crowded.availability.free).to.equal(0);
      expect(crowded.availability.waiting).to.be.above(50);

      for (const e of list.items) {
        expect(e.imageUrl).to.be.a('string');
        const image = await fetch(first.url + e.imageUrl);
        expect(image.headers.get('content-type')).to.equal('image/png');
        expect((await image.arrayBuffer()).byteLength).to.be.above(100);
      }
      const organiser = await anon.signIn('Demo Organiser', 'seller', 'demo_seller');
      expect(organiser.user).to.include({ id: 'demo_seller', name: 'Demo Organiser', role: 'seller' });
      expect((await organiser.api.get('/api/seller/events')).body.total).to.equal(6);
    } finally {
      await first.stop();
    }
    const second = await startBackend({ label: 'demo-seed-again', dbName, env: { SEED_DEMO: 'true' } });
    try {
      expect((await new Api(second.url).get('/api/events')).body.total).to.equal(6);
    } finally {
      await second.stop();
    }
  });
});
