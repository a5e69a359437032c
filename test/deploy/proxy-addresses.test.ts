import { expect } from 'chai';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { mintBuyerTokens } from '../support/tokens.js';

/**
 * Behind our proxies the client's address is the X-Forwarded-For entry TRUST_PROXY_HOPS from the
 * right; what a buyer writes further left is ignored, so inventing addresses buys no fresh per-IP
 * join budget.
 */
describe('deploy: client addresses behind proxies', function () {
  this.timeout(90_000);
  const backends: Backend[] = [];
  after(() => Promise.all(backends.map((b) => b.stop())));

  /** Joins one event once per buyer, each claiming a made-up address in front of what the proxies appended. */
  async function joinsWithSpoofedAddresses(env: Record<string, string>, proxiesAppend: string[]): Promise<number[]> {
    const backend = await startBackend({ label: `proxy-${Object.values(env).join('-')}`, env: { JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '3', ...env } });
    backends.push(backend);
    const seller = (await new Api(backend.url).signIn('Proxy Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 100 });
    const buyers = await mintBuyerTokens(backend, 5, 'spoof');
    const statuses: number[] = [];
    for (const [i, { token }] of buyers.entries()) {
      const forwardedFor = [`203.0.113.${i + 1}`, ...proxiesAppend].join(', ');
      const res = await new Api(backend.url, token).request('POST', `/api/events/${event.id}/queue`, { quantity: 1 }, { 'x-forwarded-for': forwardedFor });
      statuses.push(res.status);
    }
    return statuses;
  }

  it('with TRUST_PROXY_HOPS=1, spoofed left-most entries share the budget of the address the proxy saw', async () => {
    expect(await joinsWithSpoofedAddresses({ TRUST_PROXY_HOPS: '1' }, ['198.51.100.7'])).to.deep.equal([201, 201, 201, 429, 429]);
  });

  it('with TRUST_PROXY_HOPS=2, takes the address the outer proxy saw, two hops from the right', async () => {
    // Outer proxy appended the client (198.51.100.7), inner proxy appended the outer one (10.0.0.2).
    expect(await joinsWithSpoofedAddresses({ TRUST_PROXY_HOPS: '2' }, ['198.51.100.7', '10.0.0.2'])).to.deep.equal([201, 201, 201, 429, 429]);
  });

  it('keeps TRUST_PROXY=true working as one trusted hop', async () => {
    expect(await joinsWithSpoofedAddresses({ TRUST_PROXY: 'true' }, ['198.51.100.8'])).to.deep.equal([201, 201, 201, 429, 429]);
  });

  it('ignores X-Forwarded-For by default (TRUST_PROXY_HOPS=0): the connection address counts', async () => {
    expect(await joinsWithSpoofedAddresses({}, [])).to.deep.equal([201, 201, 201, 429, 429]);
  });

  it('still tells real clients apart: different addresses appended by the proxy have budgets of their own', async () => {
    const backend = await startBackend({ label: 'proxy-distinct', env: { JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '1', TRUST_PROXY_HOPS: '1' } });
    backends.push(backend);
    const seller = (await new Api(backend.url).signIn('Proxy Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 100 });
    const buyers = await mintBuyerTokens(backend, 3, 'real');
    const statuses = [];
    for (const [i, { token }] of buyers.entries()) {
      statuses.push(
        (await new Api(backend.url, token).request('POST', `/api/events/${event.id}/queue`, { quantity: 1 }, { 'x-forwarded-for': `198.51.100.${i + 20}` }))
          .status,
      );
    }
    expect(statuses).to.deep.equal([201, 201, 201]);
  });
});
