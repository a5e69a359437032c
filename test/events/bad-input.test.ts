import { expect } from 'chai';
import fc from 'fast-check';
import type { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventBody } from '../support/fixtures.js';
import { sellerAndBuyer, uniqueWord } from './support.js';

/** Every bad request below must answer this, with a message a person can act on. */
function expectRefused(res: { status: number; body: any }, status: number, label: string) {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).to.equal(status);
  expect(res.body.error.code, label).to.equal(status === 404 ? 'not_found' : 'invalid_request');
  expect(res.body.error.message, label)
    .to.be.a('string')
    .and.not.match(/at .*\.ts:\d+|Mongo|stack/i);
}

describe('events: bad input gets a documented 4xx and changes nothing', () => {
  let anon: Api;
  let seller: Api;
  let word: string;
  const mine = async () => (await anon.get(`/api/events?q=${word}&pageSize=100`)).body.total as number;

  before(async () => {
    ({ anon, seller } = await sellerAndBuyer((await sharedBackend()).url, 'bad-input'));
    word = uniqueWord('badinput');
  });

  it('refuses malformed, mistyped, out-of-range, incomplete and unknown-field event bodies (400), creating nothing', async () => {
    const valid = eventBody({ name: `${word} valid` });
    const cases: [string, unknown][] = [
      ['empty body', {}],
      ['array body', [valid]],
      ['name missing', { ...valid, name: undefined }],
      ['blank name', { ...valid, name: '   ' }],
      ['name too long', { ...valid, name: 'x'.repeat(201) }],
      ['price as string', { ...valid, price: '25.00' }],
      ['negative price', { ...valid, price: -1 }],
      ['fractional price', { ...valid, price: 10.5 }],
      ['price too large', { ...valid, price: 100_000_001 }],
      ['no tickets', { ...valid, totalTickets: 0 }],
      ['too many tickets', { ...valid, totalTickets: 1_000_001 }],
      ['tickets as string', { ...valid, totalTickets: '10' }],
      ['maxPerBuyer 0', { ...valid, maxPerBuyer: 0 }],
      ['maxPerBuyer 11', { ...valid, maxPerBuyer: 11 }],
      ['offer window too short', { ...valid, offerWindowSec: 59 }],
      ['offer window too long', { ...valid, offerWindowSec: 3601 }],
      ['date not ISO', { ...valid, eventDate: 'next friday' }],
      ['date as number', { ...valid, eventDate: Date.now() + 1e9 }],
      ['bad currency', { ...valid, currency: 'dollars' }],
      ['origin with a path', { ...valid, allowedOrigins: ['https://a.example/page'] }],
      ['origin not a URL', { ...valid, allowedOrigins: ['javascript:alert(1)'] }],
      ['unknown field', { ...valid, ownerId: 'someone_else' }],
      ['client-chosen id', { ...valid, id: 'ev_mine' }],
      ['client-set cancelled flag', { ...valid, isCancelled: true }],
      ['null body', null],
    ];
    for (const [label, body] of cases) {
      const res = await seller.request('POST', '/api/events', JSON.stringify(body), { 'content-type': 'application/json' });
      expectRefused(res, 400, label);
    }
    expectRefused(await seller.request('POST', '/api/events', '{"name": "x",', { 'content-type': 'application/json' }), 400, 'malformed JSON');
    expectRefused(await seller.request('POST', '/api/events', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' }), 400, 'form body');
    const tooBig = await seller.post('/api/events', { ...valid, description: 'x'.repeat(200_000) });
    expect(tooBig.status).to.be.oneOf([400, 413]);
    expect(await mine()).to.equal(0);
  });

  it('never answers 5xx and never creates an event for arbitrary JSON bodies', async () => {
    const before = await mine();
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            name: fc.oneof(fc.string(), fc.constant(`${word} fuzz`), fc.integer()),
            description: fc.oneof(fc.string(), fc.constant(null)),
            location: fc.oneof(fc.string(), fc.boolean()),
            eventDate: fc.oneof(
              fc.string(),
              fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())),
            ),
            price: fc.oneof(fc.integer(), fc.double(), fc.string()),
            totalTickets: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(null)),
            extra: fc.anything(),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const res = await seller.post('/api/events', body);
          expect(res.status, JSON.stringify(body)).to.be.within(400, 499);
        },
      ),
      { numRuns: 60 },
    );
    expect(await mine()).to.equal(before);
  });

  it('refuses bad edits (400) and leaves the event exactly as it was', async () => {
    const event = await createEvent(seller, { name: `${word} edit target` });
    const cases: [string, unknown][] = [
      ['nothing to change', {}],
      ['unknown field', { name: 'x', color: 'red' }],
      ['owner change', { ownerId: 'thief' }],
      ['id change', { id: 'ev_other' }],
      ['cancel by edit', { isCancelled: true }],
      ['availability by edit', { availability: { total: 1 } }],
      ['totalTickets 0', { totalTickets: 0 }],
      ['totalTickets negative', { totalTickets: -3 }],
      ['maxPerBuyer 11', { maxPerBuyer: 11 }],
      ['offer window 10 s', { offerWindowSec: 10 }],
      ['price as text', { price: 'free' }],
      ['name null', { name: null }],
      ['date garbage', { eventDate: '2030-02-30T25:00:00Z' }],
      ['salesStartAt garbage', { salesStartAt: 'soon' }],
      ['array body', [{ name: 'x' }]],
    ];
    for (const [label, body] of cases) {
      const res = await seller.request('PATCH', `/api/events/${event.id}`, JSON.stringify(body), { 'content-type': 'application/json' });
      expectRefused(res, 400, label);
    }
    expectRefused(await seller.request('PATCH', `/api/events/${event.id}`, '{', { 'content-type': 'application/json' }), 400, 'malformed JSON');
    const after = (await anon.get(`/api/events/${event.id}`)).body;
    expect(after).to.deep.equal({ ...event, availability: after.availability });
    expect(after.availability).to.deep.equal(event.availability);
  });

  it('refuses malformed event ids (400) and answers unknown ones with 404 on every event endpoint', async () => {
    const badIds = ['has%20space', 'semi;colon', 'x'.repeat(65), '%24where', 'dots..'];
    for (const id of badIds) {
      expectRefused(await anon.get(`/api/events/${id}`), 400, `GET ${id}`);
      expectRefused(await anon.get(`/api/events/${id}/availability`), 400, `availability ${id}`);
      expectRefused(await anon.get(`/api/events/${id}/image`), 400, `image ${id}`);
      expectRefused(await seller.patch(`/api/events/${id}`, { name: 'x' }), 400, `PATCH ${id}`);
    }
    const unknown = 'ev_neverexisted';
    expectRefused(await anon.get(`/api/events/${unknown}`), 404, 'GET unknown');
    expectRefused(await anon.get(`/api/events/${unknown}/availability`), 404, 'availability unknown');
    expectRefused(await seller.patch(`/api/events/${unknown}`, { name: 'x' }), 404, 'PATCH unknown');
    expectRefused(await seller.post(`/api/events/${unknown}/check-in`, { code: 'abc' }), 404, 'check-in unknown');
    expectRefused(await seller.get(`/api/seller/events/${unknown}/sales`), 404, 'sales unknown');
  });
});
