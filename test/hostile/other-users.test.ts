import { expect } from 'chai';
import type { Endpoint } from '../../backend/src/api-docs/endpoint.js';
import type { Api } from '../support/api.js';
import { countTried, expectDocumented4xx } from './support/documented.js';
import { endpoints, jsonBodyOf, methodOf, worldPath } from './support/endpoints.js';
import { hostileWorld, type World } from './support/world.js';

type Attempt = [who: string, caller: (w: World) => Api, method: string, path: (w: World) => string, body: unknown, statuses: number[]];

// A check-in pass is one more way in (test/tickets/check-in-passes.test.ts); to other users these are owner-only.
const ownerOnly = endpoints.filter((e) => e.access === 'owner' || e.access === 'owner-or-pass');
const sellersOnly = endpoints.filter((e) => e.access === 'seller');
/** A valid body; at the door, a real ticket of event A (someone else's to anyone but seller A). */
const bodyFor = (e: Endpoint) => (e.path.endsWith('/check-in') ? (w: World) => ({ code: w.ticketCodes[0] }) : jsonBodyOf(e)?.example);

/**
 * Someone using ids that belong to somebody else: a ticket, a checkout session, an entry, and every
 * described endpoint only the event's owner (another seller and a buyer try it on event A) or
 * only a seller (a buyer tries it) may call.
 */
const attempts: Attempt[] = [
  ['a buyer', (w) => w.offered.api, 'GET', (w) => `/api/tickets/${w.ticketIds[0]}`, undefined, [404]],
  ['another seller', (w) => w.sellerB.api, 'GET', (w) => `/api/tickets/${w.ticketIds[0]}`, undefined, [404]],
  ['a buyer', (w) => w.offered.api, 'GET', (w) => `/api/demo-checkout/${w.sessionId}`, undefined, [403, 404]],
  ['a buyer', (w) => w.offered.api, 'POST', (w) => `/api/demo-checkout/${w.sessionId}/complete`, {}, [403, 404]],
  ['another seller', (w) => w.sellerB.api, 'POST', (w) => `/api/demo-checkout/${w.sessionId}/complete`, {}, [403, 404]],
  ...ownerOnly.flatMap((e): Attempt[] => [
    ['another seller', (w) => w.sellerB.api, methodOf(e), (w) => worldPath(e, w), bodyFor(e), [403]],
    ['a buyer', (w) => w.paid.api, methodOf(e), (w) => worldPath(e, w), bodyFor(e), [403]],
  ]),
  ...sellersOnly.map((e): Attempt => ['a buyer', (w) => w.paid.api, methodOf(e), (w) => worldPath(e, w), bodyFor(e), [403]]),
  // The queue routes name no user: a buyer reaches only their own entry, whoever's event it is.
  ['a buyer', (w) => w.offered.api, 'GET', (w) => `/api/events/${w.eventB}/queue/me`, undefined, [404]],
  ['a buyer', (w) => w.offered.api, 'DELETE', (w) => `/api/events/${w.eventB}/queue/me`, undefined, [404]],
  ['a buyer', (w) => w.offered.api, 'POST', (w) => `/api/events/${w.eventB}/checkout`, { flow: 'site' }, [409]],
];

/**
 * Another user's ids: tickets, checkout sessions, events and entries of someone else get a
 * documented 4xx (404 where even existence must not leak), and nothing changes for their owner.
 */
describe("hostile input: another user's ids", function () {
  this.timeout(120_000);
  let world: World;
  let initial: string;

  before(async () => {
    world = await hostileWorld();
    initial = await world.fingerprint();
  });
  afterEach(async () => {
    expect(await world.fingerprint(), "state after using another user's ids").to.equal(initial);
    expect((await world.anonymous.get('/api/health')).status).to.equal(200);
  });

  for (const [who, caller, method, path, body, statuses] of attempts) {
    it(`refuses ${who}: ${method} ${path({ ticketIds: [':ticket'], sessionId: ':session', eventA: ':event', eventB: ':other-event' } as unknown as World)}`, async () => {
      countTried("another user's ids");
      const payload = typeof body === 'function' ? (body as (w: World) => unknown)(world) : body;
      expectDocumented4xx(await caller(world).request(method, path(world), payload), statuses, `${who} ${method}`);
      countTried("another user's ids");
      expectDocumented4xx(await world.anonymous.request(method, path(world), payload), [401, 404], `anonymous ${method}`);
    });
  }

  it("tells a seller scanning another event's ticket at their door that it is for another event, and leaves it valid", async () => {
    countTried("another user's ids");
    const res = await world.sellerB.api.post(`/api/events/${world.eventB}/check-in`, { code: world.ticketCodes[0] });
    expect(res.status).to.equal(200);
    expect(res.body.result).to.equal('wrong_event');
    const ticket = await world.paid.api.get(`/api/tickets/${world.ticketIds[0]}`);
    expect(ticket.body.status).to.equal('valid');
  });
});
