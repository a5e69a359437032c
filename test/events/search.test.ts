import { expect } from 'chai';
import type { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventually, inDays } from '../support/fixtures.js';
import { sellerAndBuyer, uniqueWord } from './support.js';

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((e) => e.id);

describe('events: search, filters and pagination', () => {
  let anon: Api;
  let seller: Api;
  let word: string;
  let events: Record<string, { id: string }>;
  before(async () => {
    ({ anon, seller } = await sellerAndBuyer((await sharedBackend()).url, 'search'));
    word = uniqueWord('zq');
    // Created out of date order on purpose: results must come back sorted by eventDate.
    events = {
      late: await createEvent(seller, { name: `${word} Finale`, eventDate: inDays(50), price: 9000, totalTickets: 5 }),
      early: await createEvent(seller, { name: `Opening ${word}`, eventDate: inDays(10), price: 1000, description: 'Rock (live) + friends' }),
      middle: await createEvent(seller, { name: 'Quiet Evening', location: `${word.toUpperCase()} Hall`, eventDate: inDays(30), price: 0 }),
      soldOut: await createEvent(seller, { name: `${word} Tiny`, eventDate: inDays(20), price: 5000, totalTickets: 1, maxPerBuyer: 1 }),
    };
  });

  it('finds text in name, description or location, case-insensitively, sorted by event date', async () => {
    const res = await anon.get(`/api/events?q=${word.toUpperCase()}`);
    expect(res.status).to.equal(200);
    expect(ids(res)).to.deep.equal([events.early!.id, events.soldOut!.id, events.middle!.id, events.late!.id]);
    expect(res.body).to.include({ total: 4, page: 1, pageSize: 20 });
  });

  it('treats search text literally: regex characters match themselves and cannot break the query', async () => {
    const literal = await anon.get(`/api/events?q=${encodeURIComponent(`${word} rock (live) +`)}`);
    expect(literal.status).to.equal(200);
    expect(ids(literal)).to.deep.equal([events.early!.id]);
    for (const nasty of ['.*', '[a-', '\\', '$where', '^.*$', '(?=x)', '*?']) {
      const res = await anon.get(`/api/events?q=${encodeURIComponent(`${word} ${nasty}`)}`);
      expect(res.status, nasty).to.equal(200);
      expect(res.body.items, nasty).to.deep.equal([]);
    }
  });

  it('filters by date range (inclusive) and price range', async () => {
    const dated = await anon.get(`/api/events?q=${word}&from=${encodeURIComponent(inDays(15))}&to=${encodeURIComponent(inDays(40))}`);
    expect(ids(dated)).to.deep.equal([events.soldOut!.id, events.middle!.id]);
    const priced = await anon.get(`/api/events?q=${word}&minPrice=1000&maxPrice=5000`);
    expect(ids(priced)).to.deep.equal([events.early!.id, events.soldOut!.id]);
    const free = await anon.get(`/api/events?q=${word}&maxPrice=0`);
    expect(ids(free)).to.deep.equal([events.middle!.id]);
  });

  it('filters to events with tickets left when asked (available=true)', async () => {
    // The only ticket of "Tiny" is sold through the demo checkout, so it is sold out.
    const buyer = (await anon.signIn('Search Buyer')).api;
    await buyer.post(`/api/events/${events.soldOut!.id}/queue`, { quantity: 1 });
    const checkout = await buyer.post(`/api/events/${events.soldOut!.id}/checkout`, { flow: 'site' });
    expect((await buyer.post(`/api/demo-checkout/${checkout.body.sessionId}/complete`, {})).status).to.equal(200);
    const read = await anon.get(`/api/events/${events.soldOut!.id}`);
    expect(read.body.availability).to.include({ sold: 1, soldOut: true });

    // The filter reads the stored summary, which follows the actor within about a second.
    const list = await eventually(
      async () => {
        const found = ids(await anon.get(`/api/events?q=${word}&available=true`));
        return found.includes(events.soldOut!.id) ? undefined : found;
      },
      5_000,
      'the sold-out event to leave the available list',
    );
    expect(list).to.deep.equal([events.early!.id, events.middle!.id, events.late!.id]);
    const all = await anon.get(`/api/events?q=${word}`);
    const tiny = all.body.items.find((e: { id: string }) => e.id === events.soldOut!.id);
    expect(tiny.availability).to.include({ soldOut: true, free: 0, sold: 1 });
  });

  it('paginates in date order without overlap, with the total', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await anon.get(`/api/events?q=${word}&pageSize=2&page=${page}`));
    expect(pages.map((p) => p.body.total)).to.deep.equal([4, 4, 4]);
    expect(pages.map(ids)).to.deep.equal([[events.early!.id, events.soldOut!.id], [events.middle!.id, events.late!.id], []]);
    expect(pages[1]!.body).to.include({ page: 2, pageSize: 2 });
  });

  it('refuses malformed filters with 400 naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      ['from=yesterday', /from/],
      ['to=2030-13-45', /to/],
      ['minPrice=abc', /minPrice/],
      ['minPrice=-1', /minPrice/],
      ['minPrice=1.5', /minPrice/],
      ['minPrice=500&maxPrice=100', /minPrice/],
      [`from=${encodeURIComponent(inDays(5))}&to=${encodeURIComponent(inDays(1))}`, /from/],
      ['available=yes', /available/],
      ['page=0', /page/],
      ['pageSize=101', /pageSize/],
      ['pageSize=ten', /pageSize/],
      ['q=a&q=b', /q/],
      [`q=${'x'.repeat(201)}`, /q/],
      ['sort=price', /sort|unrecognized/i],
    ];
    for (const [query, field] of cases) {
      const res = await anon.get(`/api/events?${query}`);
      expect(res.status, query).to.equal(400);
      expect(res.body.error.code, query).to.equal('invalid_request');
      expect(res.body.error.message, query).to.match(field);
    }
  });
});
