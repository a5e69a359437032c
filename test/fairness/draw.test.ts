import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { checkDraw } from '../../scripts/lib/draw-check.js';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, eventually, signInBuyers } from '../support/fixtures.js';
import { repoRoot } from '../support/paths.js';

const run = promisify(execFile);
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const pseudonym = (entryId: string) => sha256(`queuetix-draw-v1:entry:${entryId}`);

describe('fairness: commit, then reveal, over HTTP', function () {
  this.timeout(90_000);
  let backend: Backend;
  let api: Api;
  let seller: Api;
  before(async () => {
    backend = await startBackend({ label: 'draw', env: { JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' } });
    api = new Api(backend.url);
    seller = (await api.signIn('Draw Seller', 'seller')).api;
  });
  after(() => backend?.stop());

  it('answers 404 for an unknown event and shows "none" for an event without an on-sale time', async () => {
    expect((await api.get('/api/events/ev_doesnotexist0/draw')).status).to.equal(404);
    const event = await createEvent(seller);
    expect(event.drawCommitment).to.equal(null);
    const res = await api.get(`/api/events/${event.id}/draw`);
    expect(res.body).to.include({ status: 'none', commitment: null, seed: null });
  });

  it('publishes the commitment at once, keeps it, then publishes list → seed → order that the verify script accepts', async () => {
    const salesStartAt = new Date(Date.now() + 6_000).toISOString();
    const event = await createEvent(seller, { totalTickets: 2, maxPerBuyer: 1, salesStartAt });
    expect(event.drawCommitment).to.match(/^[0-9a-f]{64}$/);
    const commitment = event.drawCommitment as string;

    const before = await api.get(`/api/events/${event.id}/draw`);
    expect(before.status).to.equal(200);
    expect(before.body).to.include({ status: 'committed', algorithm: 'queuetix-draw-v1', commitment, seed: null, list: null, order: null });

    // Moving the on-sale time keeps the commitment; the API has no way to set one.
    const moved = await seller.patch(`/api/events/${event.id}`, { salesStartAt: new Date(Date.parse(salesStartAt) + 1_000).toISOString() });
    expect(moved.status).to.equal(200);
    expect(moved.body.drawCommitment).to.equal(commitment);
    const forged = await seller.patch(`/api/events/${event.id}`, { drawCommitment: '0'.repeat(64) });
    expect(forged.status).to.equal(400);
    expect(forged.body.error.code).to.equal('invalid_request');
    expect((await api.get(`/api/events/${event.id}`)).body.drawCommitment).to.equal(commitment);

    const buyers = await signInBuyers(api, 8, 'early');
    const entryIds: string[] = [];
    for (const buyer of buyers) {
      const res = await buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 });
      expect(res.body.inLottery).to.equal(true);
      entryIds.push(res.body.id);
    }
    const mine = await buyers[3]!.get(`/api/events/${event.id}/draw`);
    expect(mine.body.myPseudonym).to.equal(pseudonym(entryIds[3]!));
    expect(mine.body.seed, 'the seed stays secret until the draw').to.equal(null);

    const drawn = await eventually(
      async () => {
        const res = await api.get(`/api/events/${event.id}/draw`);
        return res.body.status === 'drawn' ? res.body : undefined;
      },
      20_000,
      'the draw',
    );
    expect(drawn.commitment).to.equal(commitment);
    expect(sha256(Buffer.from(drawn.seed, 'hex'))).to.equal(commitment);
    expect(drawn.list, 'early entries as pseudonyms, in join order').to.deep.equal(entryIds.map(pseudonym));
    expect(drawn.listHash).to.equal(sha256(drawn.list.join('\n')));
    expect([...drawn.order].sort()).to.deep.equal([...drawn.list].sort());
    expect(Date.parse(drawn.committedAt)).to.be.below(Date.parse(drawn.drawnAt));
    expect(drawn).to.not.have.property('myPseudonym');

    // The line is the published order.
    const positions = await Promise.all(
      buyers.map(async (buyer, i) => {
        const entry = (await buyer.get(`/api/events/${event.id}/queue/me`)).body;
        return { pseudonym: pseudonym(entryIds[i]!), rank: entry.status === 'offered' ? 0 : entry.position };
      }),
    );
    const offered = positions
      .filter((p) => p.rank === 0)
      .map((p) => p.pseudonym)
      .sort();
    expect(offered).to.deep.equal(drawn.order.slice(0, 2).sort());
    const waiting = positions
      .filter((p) => p.rank > 0)
      .sort((a, b) => a.rank - b.rank)
      .map((p) => p.pseudonym);
    expect(waiting).to.deep.equal(drawn.order.slice(2));

    const { stdout } = await run('npx', ['tsx', 'scripts/verify-draw.ts', backend.url, event.id], { cwd: repoRoot });
    expect(stdout).to.contain(`VERIFIED: the draw of ${event.id}`);
    expect(stdout).to.not.contain('✘');

    // A record altered in any part fails the same check.
    expect(checkDraw({ ...drawn, seed: 'ab'.repeat(32) }).verified).to.equal(false);
    expect(checkDraw({ ...drawn, order: [...drawn.order].reverse() }).verified).to.equal(false);
    expect(checkDraw({ ...drawn, list: drawn.list.slice(1) }).verified).to.equal(false);

    // A restart rebuilds the actor from the journal: the same commitment and the same draw.
    await backend.stop();
    backend = await startBackend({ label: 'draw-restart', dbName: backend.dbName, env: { JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0' } });
    const again = await new Api(backend.url).get(`/api/events/${event.id}/draw`);
    expect(again.body).to.deep.equal(drawn);
  });
});
