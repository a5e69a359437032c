import { expect } from 'chai';
import fc from 'fast-check';
import { apiOf, jsonBodyOf, methodOf, nameOf, withJsonBody, worldPath } from './support/endpoints.js';
import { countTried, expectDocumented4xx, hostileRuns } from './support/documented.js';
import { invalidBodies, junkText } from './support/inputs.js';
import { hostileWorld, type World } from './support/world.js';

/**
 * Property-based bad bodies for every described endpoint that reads a JSON body (made from its
 * example), sent by someone its access level lets in: each answer is a documented 4xx, and
 * afterwards nothing anyone can see has changed and the server is healthy.
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

  for (const endpoint of withJsonBody) {
    const name = nameOf(endpoint);
    const { json: schema, example } = jsonBodyOf(endpoint)!;
    const send = (body: string, contentType: string) =>
      apiOf(endpoint, world).request(methodOf(endpoint), worldPath(endpoint, world), body, { 'content-type': contentType });

    it(`${name}: a body one mistake from valid, or no object at all, gets 400 and changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(invalidBodies(example as Record<string, unknown>, schema), async (body) => {
          countTried('bodies');
          const res = await send(JSON.stringify(body) ?? 'null', 'application/json');
          expectDocumented4xx(res, [400], `${name} ${JSON.stringify(body)?.slice(0, 200)}`);
        }),
        { numRuns: hostileRuns },
      );
    });

    it(`${name}: malformed JSON and other content types get a documented 4xx and change nothing`, async () => {
      const contentTypes = fc.constantFrom(
        'application/json',
        'application/json; charset=latin1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
      );
      await fc.assert(
        fc.asyncProperty(junkText, contentTypes, async (text, contentType) => {
          countTried('bodies');
          fc.pre(!(contentType.startsWith('application/json') && schema.safeParse(tryParse(text)).success));
          const res = await send(text, contentType);
          expectDocumented4xx(res, [400, 409, 413, 415], `${name} ${contentType} ${JSON.stringify(text).slice(0, 200)}`);
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
