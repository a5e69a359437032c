import { expect } from 'chai';
import type { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, inDays } from '../support/fixtures.js';
import { buy } from '../tickets/support/buy.js';
import { inMinutes, sellerAndBuyer, uniqueWord } from './support.js';

describe('events: owner edits and capacity changes', () => {
  let anon: Api;
  let seller: Api;
  let buyer: Api;
  before(async () => {
    ({ anon, seller, buyer } = await sellerAndBuyer((await sharedBackend()).url, 'update'));
  });

  it('lets the owner edit details, and everyone then reads the new values', async () => {
    const event = await createEvent(seller);
    const eventDate = inDays(45);
    const res = await seller.patch(`/api/events/${event.id}`, {
      name: 'Renamed Show',
      description: 'New words',
      location: 'Other Hall',
      eventDate,
      allowedOrigins: ['https://a.example'],
    });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ name: 'Renamed Show', description: 'New words', location: 'Other Hall', eventDate: new Date(eventDate).toISOString() });
    const read = (await anon.get(`/api/events/${event.id}`)).body;
    expect(read).to.include({ name: 'Renamed Show', location: 'Other Hall' });
    expect(read.allowedOrigins).to.deep.equal(['https://a.example']);
  });

  it('lets only the owner edit: another seller gets 403 and a buyer 403, and nothing changes', async () => {
    const event = await createEvent(seller, { name: 'Mine' });
    const other = (await anon.signIn('Other Seller', 'seller')).api;
    for (const caller of [other, buyer]) {
      const res = await caller.patch(`/api/events/${event.id}`, { name: 'Stolen', totalTickets: 1 });
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('forbidden');
    }
    expect((await anon.patch(`/api/events/${event.id}`, { name: 'Anon' })).status).to.equal(401);
    const read = (await anon.get(`/api/events/${event.id}`)).body;
    expect(read.name).to.equal('Mine');
    expect(read.totalTickets).to.equal(event.totalTickets);
  });

  it('lets capacity grow, and offers the new tickets to the people waiting', async () => {
    const event = await createEvent(seller, { totalTickets: 1, maxPerBuyer: 1 });
    const [a, b] = [(await anon.signIn('Grow A')).api, (await anon.signIn('Grow B')).api];
    await a.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    expect((await b.post(`/api/events/${event.id}/queue`, { quantity: 1 })).body.status).to.equal('waiting');
    const res = await seller.patch(`/api/events/${event.id}`, { totalTickets: 3 });
    expect(res.status).to.equal(200);
    expect(res.body.totalTickets).to.equal(3);
    expect(res.body.availability).to.include({ total: 3, held: 2, free: 1, waiting: 0 });
    expect((await b.get(`/api/events/${event.id}/queue/me`)).body.status).to.equal('offered');
  });

  it('lets capacity shrink only down to tickets sold plus held by live offers (409 below, nothing changed)', async () => {
    const event = await createEvent(seller, { totalTickets: 5, maxPerBuyer: 3 });
    const holder = (await anon.signIn('Holder')).api;
    expect((await holder.post(`/api/events/${event.id}/queue`, { quantity: 3 })).body.status).to.equal('offered');
    const tooSmall = await seller.patch(`/api/events/${event.id}`, { totalTickets: 2, name: 'Should not apply' });
    expect(tooSmall.status).to.equal(409);
    expect(tooSmall.body.error.code).to.equal('conflict');
    expect(tooSmall.body.error.message).to.match(/3/);
    const unchanged = (await anon.get(`/api/events/${event.id}`)).body;
    expect(unchanged).to.include({ totalTickets: 5, name: event.name });
    expect(unchanged.availability.total).to.equal(5);

    const exact = await seller.patch(`/api/events/${event.id}`, { totalTickets: 3 });
    expect(exact.status).to.equal(200);
    expect(exact.body.availability).to.include({ total: 3, held: 3, free: 0 });
  });

  it('counts sold tickets as well as held ones when capacity shrinks', async () => {
    const event = await createEvent(seller, { totalTickets: 6, maxPerBuyer: 2 });
    await buy((await anon.signIn('Shrink Buyer')).api, event.id, 2);
    expect((await (await anon.signIn('Shrink Holder')).api.post(`/api/events/${event.id}/queue`, { quantity: 1 })).body.status).to.equal('offered');
    const below = await seller.patch(`/api/events/${event.id}`, { totalTickets: 2 });
    expect(below.status).to.equal(409);
    expect(below.body.error.message).to.match(/\b3\b/);
    const exact = await seller.patch(`/api/events/${event.id}`, { totalTickets: 3 });
    expect(exact.status).to.equal(200);
    expect(exact.body.availability).to.include({ total: 3, sold: 2, held: 1, free: 0, soldOut: false });
  });

  it('applies queue settings to what happens next (maxPerBuyer for new joins)', async () => {
    const event = await createEvent(seller, { totalTickets: 10, maxPerBuyer: 4 });
    expect((await seller.patch(`/api/events/${event.id}`, { maxPerBuyer: 1 })).body.maxPerBuyer).to.equal(1);
    const res = await buyer.post(`/api/events/${event.id}/queue`, { quantity: 2 });
    expect(res.status).to.equal(400);
  });

  it('freezes the on-sale time once sales have opened (409)', async () => {
    const event = await createEvent(seller);
    const res = await seller.patch(`/api/events/${event.id}`, { salesStartAt: inMinutes(10) });
    expect(res.status).to.equal(409);
    expect((await anon.get(`/api/events/${event.id}`)).body.salesStartAt).to.equal(null);
  });

  it('moves an on-sale time that has not come yet', async () => {
    const event = await createEvent(seller, { salesStartAt: inMinutes(30) });
    const later = inMinutes(90);
    const res = await seller.patch(`/api/events/${event.id}`, { salesStartAt: later });
    expect(res.status).to.equal(200);
    expect(res.body.salesStartAt).to.equal(new Date(later).toISOString());
  });

  it('accepts an edit form that sends every field unchanged', async () => {
    const event = await createEvent(seller);
    const { name, description, location, eventDate, price, currency, totalTickets, maxPerBuyer, offerWindowSec, allowedOrigins } = event;
    const res = await seller.patch(`/api/events/${event.id}`, {
      name,
      description,
      location,
      eventDate,
      price,
      currency,
      totalTickets,
      maxPerBuyer,
      offerWindowSec,
      allowedOrigins,
      salesStartAt: null,
    });
    expect(res.status).to.equal(200);
    expect(res.body.name).to.equal(name);
  });
});

describe('events: a cancelled event', () => {
  it('stays visible as cancelled and can no longer be edited (409)', async () => {
    const { anon, seller } = await sellerAndBuyer((await sharedBackend()).url, 'cancelled');
    const word = uniqueWord('calledoff');
    const event = await createEvent(seller, { name: `Called Off ${word}` });
    expect((await seller.post(`/api/events/${event.id}/cancel`, {})).status).to.be.oneOf([200, 202]);
    const read = await anon.get(`/api/events/${event.id}`);
    expect(read.status).to.equal(200);
    expect(read.body).to.include({ isCancelled: true, name: event.name });
    expect(read.body.availability.salesOpen).to.equal(false);
    const edit = await seller.patch(`/api/events/${event.id}`, { name: 'Back On' });
    expect(edit.status).to.equal(409);
    expect(edit.body.error.code).to.equal('conflict');
    expect((await anon.get(`/api/events/${event.id}`)).body.name).to.equal(event.name);
    const listed = (await anon.get(`/api/events?q=${word}`)).body.items;
    expect(listed.map((e: { id: string; isCancelled: boolean }) => [e.id, e.isCancelled])).to.deep.equal([[event.id, true]]);
    expect((await anon.get(`/api/events?q=${word}&available=true`)).body.items).to.deep.equal([]);
  });
});
