/** Issue 13, point 12 (API): price bounds within one currency, and lists without cancelled events. */
import { expect } from 'chai';
import { sharedBackend } from '../support/backend.js';
import { createEvent, inDays } from '../support/fixtures.js';
import { sellerAndBuyer, uniqueWord } from './support.js';

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((e) => e.id);

describe('events: search by price in one currency, and without cancelled events', () => {
  it('compares prices only among events of the currency asked for', async () => {
    const { anon, seller } = await sellerAndBuyer((await sharedBackend()).url, 'currency');
    const word = uniqueWord('cur');
    const dollars = await createEvent(seller, { name: `${word} Dollars`, price: 2000, currency: 'usd', eventDate: inDays(5) });
    const euros = await createEvent(seller, { name: `${word} Euros`, price: 2000, currency: 'eur', eventDate: inDays(6) });
    const yen = await createEvent(seller, { name: `${word} Yen`, price: 2000, currency: 'jpy', eventDate: inDays(7) });
    expect(ids(await anon.get(`/api/events?q=${word}&maxPrice=2500`))).to.deep.equal([dollars.id, euros.id, yen.id]);
    expect(ids(await anon.get(`/api/events?q=${word}&maxPrice=2500&currency=EUR`))).to.deep.equal([euros.id]);
    expect(ids(await anon.get(`/api/events?q=${word}&minPrice=100&currency=jpy`))).to.deep.equal([yen.id]);
    expect((await anon.get(`/api/events?q=${word}&currency=euro`)).status).to.equal(400);
  });

  it('leaves cancelled events out with cancelled=false, and lists only them with cancelled=true', async () => {
    const { anon, seller } = await sellerAndBuyer((await sharedBackend()).url, 'upcoming');
    const word = uniqueWord('upc');
    const on = await createEvent(seller, { name: `${word} On`, eventDate: inDays(5) });
    const off = await createEvent(seller, { name: `${word} Off`, eventDate: inDays(6) });
    await seller.post(`/api/events/${off.id}/cancel`);
    expect(ids(await anon.get(`/api/events?q=${word}`))).to.deep.equal([on.id, off.id]);
    expect(ids(await anon.get(`/api/events?q=${word}&cancelled=false`))).to.deep.equal([on.id]);
    expect(ids(await anon.get(`/api/events?q=${word}&cancelled=true`))).to.deep.equal([off.id]);
  });
});
