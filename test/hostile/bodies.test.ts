import { expect } from 'chai';
import fc from 'fast-check';
import type { z } from 'zod';
import { DevSignInRequest } from '@queuetix/contracts/auth';
import { CreateEventRequest, UpdateEventRequest } from '@queuetix/contracts/events';
import { CheckoutRequest } from '@queuetix/contracts/payments';
import { JoinQueueRequest } from '@queuetix/contracts/queue';
import { CheckInRequest } from '@queuetix/contracts/tickets';
import type { Api } from '../support/api.js';
import { eventBody } from '../support/fixtures.js';
import { countTried, expectDocumented4xx, hostileRuns } from './support/documented.js';
import { invalidBodies, junkText } from './support/inputs.js';
import { hostileWorld, type World } from './support/world.js';

interface BodyEndpoint {
  name: string;
  method: string;
  path: (w: World) => string;
  caller: (w: World) => Api;
  schema: z.ZodType;
  valid: Record<string, unknown>;
}

/** Every endpoint that reads a JSON body, called by someone allowed to call it. */
const endpoints: BodyEndpoint[] = [
  { name: 'POST /api/dev/sign-in', method: 'POST', path: () => '/api/dev/sign-in', caller: (w) => w.anonymous, schema: DevSignInRequest, valid: { name: 'Mallory', role: 'buyer' } },
  { name: 'POST /api/events', method: 'POST', path: () => '/api/events', caller: (w) => w.sellerA.api, schema: CreateEventRequest, valid: eventBody() },
  { name: 'PATCH /api/events/:id', method: 'PATCH', path: (w) => `/api/events/${w.eventA}`, caller: (w) => w.sellerA.api, schema: UpdateEventRequest, valid: { name: 'Renamed', totalTickets: 8 } },
  { name: 'POST /api/events/:id/queue', method: 'POST', path: (w) => `/api/events/${w.eventB}/queue`, caller: (w) => w.paid.api, schema: JoinQueueRequest, valid: { quantity: 1 } },
  { name: 'POST /api/events/:id/checkout', method: 'POST', path: (w) => `/api/events/${w.eventA}/checkout`, caller: (w) => w.paid.api, schema: CheckoutRequest, valid: { flow: 'site' } },
  { name: 'POST /api/events/:id/check-in', method: 'POST', path: (w) => `/api/events/${w.eventA}/check-in`, caller: (w) => w.sellerA.api, schema: CheckInRequest, valid: { code: 'x' } },
];

/**
 * Property-based bad bodies for every endpoint that reads one: each answer is a documented 4xx,
 * and afterwards nothing anyone can see has changed and the server is healthy.
 */
describe('hostile input: request bodies', function () {
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

  for (const endpoint of endpoints) {
    it(`${endpoint.name}: a body one mistake from valid, or no object at all, gets 400 and changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(invalidBodies(endpoint.valid, endpoint.schema), async (body) => {
          countTried('bodies');
          const res = await endpoint.caller(world).request(endpoint.method, endpoint.path(world), JSON.stringify(body) ?? 'null', { 'content-type': 'application/json' });
          expectDocumented4xx(res, [400], `${endpoint.name} ${JSON.stringify(body)?.slice(0, 200)}`);
        }),
        { numRuns: hostileRuns },
      );
    });

    it(`${endpoint.name}: malformed JSON and other content types get a documented 4xx and change nothing`, async () => {
      const contentTypes = fc.constantFrom('application/json', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml');
      await fc.assert(
        fc.asyncProperty(junkText, contentTypes, async (text, contentType) => {
          countTried('bodies');
          fc.pre(!(contentType.startsWith('application/json') && endpoint.schema.safeParse(tryParse(text)).success));
          const res = await endpoint.caller(world).request(endpoint.method, endpoint.path(world), text, { 'content-type': contentType });
          expectDocumented4xx(res, [400, 409, 413, 415], `${endpoint.name} ${contentType} ${JSON.stringify(text).slice(0, 200)}`);
        }),
        { numRuns: hostileRuns },
      );
    });
  }

  it('POST /api/webhooks/stripe: unsigned or junk bodies get 400 and change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(junkText, fc.option(fc.string({ maxLength: 120 })), async (text, signature) => {
        countTried('bodies');
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (signature !== null) headers['stripe-signature'] = signature.replace(/[\r\n]/g, '');
        const res = await world.anonymous.request('POST', '/api/webhooks/stripe', text, headers);
        expectDocumented4xx(res, [400], `webhook ${JSON.stringify(text).slice(0, 200)}`);
      }),
      { numRuns: hostileRuns },
    );
  });
});

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
