import { expect } from 'chai';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, signInBuyers } from '../support/fixtures.js';
import { REDIS_URL, SECRET } from './cluster-support.js';

/** The calls between instances are for instances only, and what they vouch for is believed only from them. */
describe('cluster: internal API', function () {
  this.timeout(90_000);
  let node: Backend;
  const peer = { 'x-queuetix-peer-secret': SECRET };

  before(async () => {
    node = await startBackend({
      label: 'internal',
      env: {
        REDIS_URL,
        REDIS_PREFIX: `qtx-internal-${process.pid}-${Date.now().toString(36)}`,
        CLUSTER_SECRET: SECRET,
        JOIN_RATE_PER_USER: '0',
        JOIN_RATE_PER_IP: '3',
      },
    });
  });
  after(async () => node?.stop());

  it('hides the internal API from anyone without the cluster secret', async () => {
    const api = new Api(node.url);
    expect((await api.request('GET', '/internal/cluster/status')).status).to.equal(404);
    expect((await api.request('GET', '/internal/cluster/status', undefined, { 'x-queuetix-peer-secret': 'not-the-secret-at-all' })).status).to.equal(404);
    expect((await api.request('POST', '/internal/cluster/events/e1/command', { cmd: { type: 'cancel' } })).status).to.equal(404);
    const status = await api.request('GET', '/internal/cluster/status', undefined, peer);
    expect(status.status).to.equal(200);
    expect(status.body).to.include({ clustered: true, fencedWrites: 0 });
  });

  it("counts a forwarded join against the client's address the peer saw, and ignores that header from anyone else", async () => {
    const api = new Api(node.url);
    const seller = (await api.signIn('Internal Seller', 'seller')).api;
    const event = await createEvent(seller, { totalTickets: 10 });
    const buyers = await signInBuyers(api, 5, 'ip');
    const join = (buyer: Api, headers: Record<string, string>) => buyer.request('POST', `/api/events/${event.id}/queue`, { quantity: 1 }, headers);
    const fromPeer = { ...peer, 'x-queuetix-client-ip': '203.0.113.7' };

    const viaPeer = [];
    for (const buyer of buyers.slice(0, 4)) viaPeer.push((await join(buyer, fromPeer)).status);
    expect(viaPeer).to.deep.equal([201, 201, 201, 429]);
    // The same claim without the secret is not believed: this join counts against the real address.
    expect((await join(buyers[4]!, { 'x-queuetix-client-ip': '203.0.113.7' })).status).to.equal(201);
  });
});
