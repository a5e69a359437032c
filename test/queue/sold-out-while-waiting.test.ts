import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventually, payOffer } from '../support/fixtures.js';
import { LiveClient } from '../realtime/live-client.js';

describe('queue: a waiting buyer is told at once when the event sells out', () => {
  let api: Api;
  let seller: Api;
  before(async () => {
    api = new Api((await sharedBackend()).url);
    seller = (await api.signIn('Sellout Seller', 'seller')).api;
  });

  it('marks the waiting entry soldOut once every ticket is sold (not while merely held), and pushes it', async () => {
    const event = await createEvent(seller, { totalTickets: 2 });
    const holder = (await api.signIn('Sellout Holder')).api;
    expect((await holder.post(`/api/events/${event.id}/queue`, { quantity: 2 })).body.status).to.equal('offered');
    const { api: waiter, token } = await api.signIn('Sellout Waiter');
    const joined = await waiter.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    expect(joined.body).to.include({ status: 'waiting', position: 1 });
    // Held by a live offer is not sold out: the offer may still end and free its tickets.
    expect(joined.body.soldOut).to.equal(undefined);

    const live = await LiveClient.connect(api.baseUrl, token);
    try {
      await live.watch(event.id);
      await payOffer(holder, event.id);
      const pushed = await live.next('availability', (m) => m.eventId === event.id && m.soldOut === true);
      expect(pushed).to.include({ sold: 2, held: 0, free: 0, soldOut: true });
    } finally {
      live.socket.close();
    }
    const me = await waiter.get(`/api/events/${event.id}/queue/me`);
    expect(me.body).to.include({ status: 'waiting', soldOut: true });
  });

  it('lifts soldOut when the organiser releases more tickets, and offers them to the waiting buyer', async () => {
    const event = await createEvent(seller, { totalTickets: 1 });
    const holder = (await api.signIn('Release Holder')).api;
    await holder.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await payOffer(holder, event.id);
    const waiter = (await api.signIn('Release Waiter')).api;
    expect((await waiter.post(`/api/events/${event.id}/queue`, { quantity: 1 })).body).to.include({ status: 'waiting', soldOut: true });
    expect((await seller.patch(`/api/events/${event.id}`, { totalTickets: 2 })).status).to.equal(200);
    const offered = await eventually(
      async () => {
        const me = (await waiter.get(`/api/events/${event.id}/queue/me`)).body;
        return me.status === 'offered' ? me : undefined;
      },
      10_000,
      'an offer',
    );
    expect(offered.soldOut).to.equal(undefined);
  });
});
