import { expect } from 'chai';
import fc from 'fast-check';
import type { z } from 'zod';
import { EventList } from '../../backend/src/contracts/events.js';
import { SellerBuyerList, SellerEventList } from '../../backend/src/contracts/seller.js';
import { TicketList } from '../../backend/src/contracts/tickets.js';
import type { Api } from '../support/api.js';
import { encodeSegment, rawRequest } from './support/raw.js';
import { countTried, expectDocumented4xx, hostileRuns } from './support/documented.js';
import { hostileSegment, wrongValue } from './support/inputs.js';
import { hostileWorld, type Person, type World } from './support/world.js';

interface PathEndpoint {
  method: string;
  path: (id: string) => string;
  caller: (w: World) => Person | undefined;
  body?: unknown;
}

/** Every route with a path parameter, called by someone who could use it with a real id. */
const routes: PathEndpoint[] = [
  { method: 'GET', path: (id) => `/api/events/${id}`, caller: () => undefined },
  { method: 'PATCH', path: (id) => `/api/events/${id}`, caller: (w) => w.sellerA, body: { name: 'Renamed' } },
  { method: 'GET', path: (id) => `/api/events/${id}/availability`, caller: () => undefined },
  { method: 'GET', path: (id) => `/api/events/${id}/image`, caller: () => undefined },
  { method: 'POST', path: (id) => `/api/events/${id}/cancel`, caller: (w) => w.sellerA, body: {} },
  { method: 'POST', path: (id) => `/api/events/${id}/queue`, caller: (w) => w.waiting, body: { quantity: 1 } },
  { method: 'GET', path: (id) => `/api/events/${id}/queue/me`, caller: (w) => w.waiting },
  { method: 'DELETE', path: (id) => `/api/events/${id}/queue/me`, caller: (w) => w.waiting },
  { method: 'POST', path: (id) => `/api/events/${id}/checkout`, caller: (w) => w.offered, body: { flow: 'site' } },
  { method: 'POST', path: (id) => `/api/events/${id}/check-in`, caller: (w) => w.sellerA, body: { code: 'x' } },
  { method: 'GET', path: (id) => `/api/seller/events/${id}/sales`, caller: (w) => w.sellerA },
  { method: 'GET', path: (id) => `/api/seller/events/${id}/buyers`, caller: (w) => w.sellerA },
  { method: 'GET', path: (id) => `/api/tickets/${id}`, caller: (w) => w.paid },
  { method: 'GET', path: (id) => `/api/demo-checkout/${id}`, caller: (w) => w.checkingOut },
  { method: 'POST', path: (id) => `/api/demo-checkout/${id}/complete`, caller: (w) => w.checkingOut, body: {} },
];

interface ListEndpoint {
  path: (w: World) => string;
  caller: (w: World) => Api;
  keys: string[];
  contract: z.ZodType;
}

const lists: ListEndpoint[] = [
  { path: () => '/api/events', caller: (w) => w.anonymous, keys: ['q', 'from', 'to', 'minPrice', 'maxPrice', 'available', 'page', 'pageSize'], contract: EventList },
  { path: () => '/api/tickets', caller: (w) => w.paid.api, keys: ['page', 'pageSize'], contract: TicketList },
  { path: () => '/api/seller/events', caller: (w) => w.sellerA.api, keys: ['page', 'pageSize'], contract: SellerEventList },
  { path: (w) => `/api/seller/events/${w.eventA}/buyers`, caller: (w) => w.sellerA.api, keys: ['page', 'pageSize'], contract: SellerBuyerList },
];

/**
 * Property-based path parameters (ids that do not exist or are not ids at all) for every route
 * that takes one, and query strings for every list: a documented answer, nothing changed.
 */
describe('hostile input: path parameters and query strings', function () {
  this.timeout(180_000);
  let world: World;
  let initial: string;

  before(async () => {
    world = await hostileWorld();
    initial = await world.fingerprint();
  });
  afterEach(async () => {
    expect(await world.fingerprint(), 'state after bad input').to.equal(initial);
    expect((await world.anonymous.get('/api/health')).status).to.equal(200);
  });

  for (const route of routes) {
    const name = `${route.method} ${route.path(':id')}`;
    it(`${name}: an unknown or malformed id gets 400 or 404 and changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileSegment, async (segment) => {
          const encoded = encodeSegment(segment);
          fc.pre(encoded !== undefined);
          countTried('path parameters');
          const res = await rawRequest(world.backend.url, route.method, route.path(encoded), { token: route.caller(world)?.token, body: route.body });
          expectDocumented4xx(res, [400, 404], `${name} with ${JSON.stringify(segment).slice(0, 100)}`);
        }),
        { numRuns: hostileRuns },
      );
    });
  }

  it('malformed percent-encoding in a path gets a documented 4xx', async () => {
    for (const raw of ['%', '%zz', '%E0%A4%A', '%C0%AF', '%ed%a0%80', '%00', '%2e%2e%2f%2e%2e']) {
      for (const route of routes) {
        countTried('path parameters');
        const res = await rawRequest(world.backend.url, route.method, route.path(raw), { token: route.caller(world)?.token, body: route.body });
        expectDocumented4xx(res, [400, 404], `${route.method} ${route.path(raw)}`);
      }
    }
  });

  for (const list of lists) {
    it(`GET ${list.path({ eventA: ':id' } as World)}: any query string gets the list or 400`, async () => {
      const pairs = fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...list.keys), fc.string({ maxLength: 12 })), fc.oneof(fc.string({ maxLength: 30 }), wrongValue.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')), fc.integer().map(String))),
        { maxLength: 5 },
      );
      await fc.assert(
        fc.asyncProperty(pairs, async (entries) => {
          countTried('query strings');
          const query = new URLSearchParams(entries).toString();
          const res = await list.caller(world).get(`${list.path(world)}?${query}`);
          // Node refuses a request line + headers over 16 KB itself (431, no body) before the app sees it.
          if (res.status === 431 && query.length > 8_000) return;
          if (res.status === 200) expect(list.contract.safeParse(res.body).success, `200 outside the contract for ?${query.slice(0, 200)}`).to.equal(true);
          else expectDocumented4xx(res, [400], `?${query.slice(0, 200)}`);
        }),
        { numRuns: hostileRuns },
      );
    });
  }
});
