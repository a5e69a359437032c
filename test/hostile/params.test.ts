import { expect } from 'chai';
import fc from 'fast-check';
import type { Endpoint } from '../../backend/src/api-docs/endpoint.js';
import { apiOf, callerOf, jsonBodyOf, lists, methodOf, nameOf, pathWith, withPathParams, worldPath } from './support/endpoints.js';
import { encodeSegment, rawRequest } from './support/raw.js';
import { countTried, expectDocumented4xx, hostileRuns } from './support/documented.js';
import { hostileSegment, wrongValue } from './support/inputs.js';
import { hostileWorld, type World } from './support/world.js';

/**
 * Property-based path parameters (ids that do not exist or are not ids at all) for every described
 * endpoint that takes one, called by someone its access level lets in, and query strings for every
 * list: a documented answer, nothing changed.
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

  /** The endpoint called on `segment` in every path parameter, with a valid body. */
  const attack = (e: Endpoint, segment: string) =>
    rawRequest(
      world.backend.url,
      methodOf(e),
      pathWith(e, () => segment),
      { token: callerOf(e, world)?.token, body: jsonBodyOf(e)?.example },
    );

  for (const e of withPathParams) {
    const name = nameOf(e);
    it(`${name}: an unknown or malformed id gets 400 or 404 and changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileSegment, async (segment) => {
          const encoded = encodeSegment(segment);
          fc.pre(encoded !== undefined);
          countTried('path parameters');
          const res = await attack(e, encoded);
          expectDocumented4xx(res, [400, 404], `${name} with ${JSON.stringify(segment).slice(0, 100)}`);
        }),
        { numRuns: hostileRuns },
      );
    });
  }

  it('malformed percent-encoding in a path gets a documented 4xx', async () => {
    for (const raw of ['%', '%zz', '%E0%A4%A', '%C0%AF', '%ed%a0%80', '%00', '%2e%2e%2f%2e%2e']) {
      for (const e of withPathParams) {
        countTried('path parameters');
        expectDocumented4xx(await attack(e, raw), [400, 404], `${methodOf(e)} ${pathWith(e, () => raw)}`);
      }
    }
  });

  for (const list of lists) {
    it(`${nameOf(list)}: any query string gets the list or 400`, async () => {
      const keys = Object.keys(list.query!.shape);
      const contract = list.responses[0]!.schema!;
      const pairs = fc.array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })),
          fc.oneof(
            fc.string({ maxLength: 30 }),
            wrongValue.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
            fc.integer().map(String),
          ),
        ),
        { maxLength: 5 },
      );
      await fc.assert(
        fc.asyncProperty(pairs, async (entries) => {
          countTried('query strings');
          const query = new URLSearchParams(entries).toString();
          const res = await apiOf(list, world).get(`${worldPath(list, world)}?${query}`);
          // Node refuses a request line + headers over 16 KB itself (431, no body) before the app sees it.
          if (res.status === 431 && query.length > 8_000) return;
          if (res.status === 200) expect(contract.safeParse(res.body).success, `200 outside the contract for ?${query.slice(0, 200)}`).to.equal(true);
          else expectDocumented4xx(res, [400], `?${query.slice(0, 200)}`);
        }),
        { numRuns: hostileRuns },
      );
    });
  }
});
