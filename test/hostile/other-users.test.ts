import { expect } from 'chai';
import type { Api } from '../support/api.js';
import { countTried, expectDocumented4xx } from './support/documented.js';
import { hostileWorld, type World } from './support/world.js';

type Attempt = [who: string, caller: (w: World) => Api, method: string, path: (w: World) => string, body: unknown, statuses: number[]];

/** Someone using ids that belong to somebody else: a ticket, a checkout session, an event, an entry. */
const attempts: Attempt[] = [
  ['a buyer', (w) => w.offered.api, 'GET', (w) => `/api/tickets/${w.ticketIds[0]}`, undefined, [404]],
  ['another seller', (w) => w.sellerB.api, 'GET', (w) => `/api/tickets/${w.ticketIds[0]}`, undefined, [404]],
  ['a buyer', (w) => w.offered.api, 'GET', (w) => `/api/demo-checkout/${w.sessionId}`, undefined, [403, 404]],
  ['a buyer', (w) => w.offered.api, 'POST', (w) => `/api/demo-checkout/${w.sessionId}/complete`, {}, [403, 404]],
  ['another seller', (w) => w.sellerB.api, 'POST', (w) => `/api/demo-checkout/${w.sessionId}/complete`, {}, [403, 404]],
  ['another seller', (w) => w.sellerB.api, 'PATCH', (w) => `/api/events/${w.eventA}`, { name: 'Mine now', totalTickets: 1 }, [403]],
  ['another seller', (w) => w.sellerB.api, 'POST', (w) => `/api/events/${w.eventA}/cancel`, {}, [403, 404]],
  ['another seller', (w) => w.sellerB.api, 'POST', (w) => `/api/events/${w.eventA}/check-in`, (w: World) => ({ code: w.ticketCodes[0] }), [403, 404]],
  ['another seller', (w) => w.sellerB.api, 'GET', (w) => `/api/seller/events/${w.eventA}/sales`, undefined, [403, 404]],
  ['another seller', (w) => w.sellerB.api, 'GET', (w) => `/api/seller/events/${w.eventA}/buyers`, undefined, [403, 404]],
  ['another seller', (w) => w.sellerB.api, 'POST', (w) => `/api/events/${w.eventA}/image`, undefined, [403, 404, 415]],
  ['a buyer', (w) => w.paid.api, 'POST', () => '/api/events', { name: 'x' }, [403]],
  ['a buyer', (w) => w.paid.api, 'PATCH', (w) => `/api/events/${w.eventA}`, { name: 'Mine now' }, [403]],
  ['a buyer', (w) => w.paid.api, 'POST', (w) => `/api/events/${w.eventA}/cancel`, {}, [403, 404]],
  ['a buyer', (w) => w.paid.api, 'POST', (w) => `/api/events/${w.eventA}/check-in`, (w: World) => ({ code: w.ticketCodes[0] }), [403, 404]],
  ['a buyer', (w) => w.paid.api, 'GET', () => '/api/seller/events', undefined, [403]],
  ['a buyer', (w) => w.paid.api, 'GET', (w) => `/api/seller/events/${w.eventA}/sales`, undefined, [403, 404]],
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
