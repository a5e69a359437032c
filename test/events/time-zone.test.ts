/** Issue 13, point 5 (API): an event keeps its venue's IANA time zone, checked with Intl. */
import { expect } from 'chai';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventBody } from '../support/fixtures.js';
import { sellerAndBuyer } from './support.js';

describe("events: the venue's time zone", () => {
  it('stores a valid IANA zone, refuses an unknown one, and lets the owner change it', async () => {
    const { anon, seller } = await sellerAndBuyer((await sharedBackend()).url, 'tz');
    const event = await createEvent(seller, { timeZone: 'Europe/Paris' });
    expect(event.timeZone).to.equal('Europe/Paris');
    expect((await anon.get(`/api/events/${event.id}`)).body.timeZone).to.equal('Europe/Paris');

    for (const bad of ['Mars/Olympus_Mons', 'Paris', '', 'x'.repeat(80)]) {
      const res = await seller.post('/api/events', eventBody({ timeZone: bad }));
      expect(res.status, bad).to.equal(400);
      expect(JSON.stringify(res.body.error.details), bad).to.contain('timeZone');
    }

    const changed = await seller.patch(`/api/events/${event.id}`, { timeZone: 'America/New_York' });
    expect(changed.status).to.equal(200);
    expect(changed.body.timeZone).to.equal('America/New_York');
    expect((await seller.patch(`/api/events/${event.id}`, { timeZone: 'Nowhere/Else' })).status).to.equal(400);
  });

  it('answers null for an event created without a zone (clients then show the viewer’s own)', async () => {
    const { seller } = await sellerAndBuyer((await sharedBackend()).url, 'tz-none');
    expect((await createEvent(seller)).timeZone).to.equal(null);
  });
});
