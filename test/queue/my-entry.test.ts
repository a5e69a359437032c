import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';

describe('queue: asking for my entry', () => {
  it('answers "not in line" with 204 when asked ifAny=true (an expected state), with 404 otherwise, and the entry once joined', async () => {
    const anon = new Api((await sharedBackend()).url);
    const seller = (await anon.signIn('My Entry Seller', 'seller')).api;
    const buyer = (await anon.signIn('My Entry Buyer', 'buyer')).api;
    const event = await createEvent(seller);
    const none = await buyer.get(`/api/events/${event.id}/queue/me?ifAny=true`);
    expect(none.status).to.equal(204);
    expect(none.body).to.equal(undefined);
    expect((await buyer.get(`/api/events/${event.id}/queue/me`)).status).to.equal(404);
    expect((await buyer.get(`/api/events/${event.id}/queue/me?ifAny=yes`)).status).to.equal(400);
    await buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    const mine = await buyer.get(`/api/events/${event.id}/queue/me?ifAny=true`);
    expect(mine.status).to.equal(200);
    expect(mine.body).to.include({ eventId: event.id, status: 'offered' });
  });
});
