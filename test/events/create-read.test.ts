import { expect } from 'chai';
import { Event } from '@queuetix/contracts/events';
import type { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventBody, inDays } from '../support/fixtures.js';
import { inMinutes, sellerAndBuyer } from './support.js';

describe('events: create and read', () => {
  let anon: Api;
  let seller: Api;
  let buyer: Api;
  let sellerId: string;
  before(async () => {
    ({ anon, seller, buyer, sellerId } = await sellerAndBuyer((await sharedBackend()).url, 'create'));
  });

  it('lets a seller create an event (201) that anyone can read, with its live availability', async () => {
    const body = eventBody({ name: 'Harbour Lights', totalTickets: 12, maxPerBuyer: 3, offerWindowSec: 120, allowedOrigins: ['https://shop.example.com'] });
    const created = await seller.post('/api/events', body);
    expect(created.status).to.equal(201);
    const event = Event.parse(created.body);
    expect(event).to.include({
      name: 'Harbour Lights',
      ownerId: sellerId,
      price: 2500,
      currency: 'usd',
      totalTickets: 12,
      maxPerBuyer: 3,
      offerWindowSec: 120,
      isCancelled: false,
      imageUrl: null,
      salesStartAt: null,
    });
    expect(event.id).to.match(/^[A-Za-z0-9_-]{8,64}$/);
    expect(event.eventDate).to.equal(new Date(body.eventDate).toISOString());
    expect(event.allowedOrigins).to.deep.equal(['https://shop.example.com']);
    expect(event.availability).to.deep.equal({
      total: 12,
      sold: 0,
      held: 0,
      free: 12,
      waiting: 0,
      soldOut: false,
      salesOpen: true,
      // The one type an event made of price and totalTickets has (docs/domain.md, Ticket types).
      types: [{ typeId: 'general', total: 12, sold: 0, held: 0, free: 12, soldOut: false, onSale: true }],
    });

    const read = await anon.get(`/api/events/${event.id}`);
    expect(read.status).to.equal(200);
    expect(Event.parse(read.body)).to.deep.equal(event);
    const availability = await anon.get(`/api/events/${event.id}/availability`);
    expect(availability.body).to.deep.equal(event.availability);
  });

  it('fills in the documented defaults: usd, 4 per buyer, a 600 s offer window, no origin limits', async () => {
    const { currency: _c, maxPerBuyer: _m, offerWindowSec: _o, ...minimal } = eventBody();
    const res = await seller.post('/api/events', minimal);
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ currency: 'usd', maxPerBuyer: 4, offerWindowSec: 600 });
    expect(res.body.allowedOrigins).to.deep.equal([]);
  });

  it('stores currencies in lower case (ISO 4217)', async () => {
    const event = await createEvent(seller, { currency: 'EUR' });
    expect(event.currency).to.equal('eur');
  });

  it('keeps sales closed until salesStartAt, and shows it', async () => {
    const startsAt = inMinutes(30);
    const event = await createEvent(seller, { salesStartAt: startsAt });
    expect(event.salesStartAt).to.equal(new Date(startsAt).toISOString());
    expect(event.availability.salesOpen).to.equal(false);
  });

  it('refuses events in the past and on-sale times after the event (400, nothing created)', async () => {
    const before = (await anon.get('/api/events?pageSize=100')).body.total;
    const past = await seller.post('/api/events', eventBody({ eventDate: inDays(-1) }));
    expect(past.status).to.equal(400);
    expect(past.body.error.code).to.equal('invalid_request');
    expect(past.body.error.message).to.match(/eventDate/);
    const late = await seller.post('/api/events', eventBody({ eventDate: inDays(2), salesStartAt: inDays(3) }));
    expect(late.status).to.equal(400);
    expect(late.body.error.message).to.match(/salesStartAt/);
    expect((await anon.get('/api/events?pageSize=100')).body.total).to.equal(before);
  });

  it('lets only sellers create events: a buyer gets 403, an anonymous caller 401', async () => {
    const asBuyer = await buyer.post('/api/events', eventBody());
    expect(asBuyer.status).to.equal(403);
    expect(asBuyer.body.error.code).to.equal('forbidden');
    const asNobody = await anon.post('/api/events', eventBody());
    expect(asNobody.status).to.equal(401);
    expect(asNobody.body.error.code).to.equal('unauthenticated');
  });

  it('answers 404 not_found for an event that does not exist, on every read', async () => {
    for (const path of ['/api/events/ev_doesnotexist', '/api/events/ev_doesnotexist/availability', '/api/events/ev_doesnotexist/image']) {
      const res = await anon.get(path);
      expect(res.status, path).to.equal(404);
      expect(res.body.error.code, path).to.equal('not_found');
    }
  });
});
