import { expect } from 'chai';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent, signInBuyers } from '../support/fixtures.js';
import { solve } from './solve-pow.js';

describe('fairness: proof-of-work on join, over HTTP', function () {
  this.timeout(60_000);
  let backend: Backend;
  let api: Api;
  let seller: Api;
  before(async () => {
    backend = await startBackend({ label: 'pow', env: { JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0', POW_HMAC_KEY: 'test-pow-key-0123456789' } });
    api = new Api(backend.url);
    seller = (await api.signIn('PoW Seller', 'seller')).api;
  });
  after(() => backend?.stop());

  it('refuses a join without a proof with 428 proof_required and changes nothing', async () => {
    const event = await createEvent(seller, { powMode: 'on' });
    expect(event.powMode).to.equal('on');
    const [buyer] = await signInBuyers(api, 1, 'nopow');
    const res = await buyer!.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    expect(res.status).to.equal(428);
    expect(res.body.error).to.include({ code: 'proof_required' });
    expect(res.body.error.details).to.deep.equal({ reason: 'missing' });
    expect((await api.get(`/api/events/${event.id}/availability`)).body).to.include({ waiting: 0, held: 0 });
    expect((await buyer!.get(`/api/events/${event.id}/queue/me`)).status).to.equal(404);
  });

  it('accepts a solved challenge once, and refuses its replay and its use by another buyer', async () => {
    const event = await createEvent(seller, { powMode: 'on', totalTickets: 1 });
    const [alice, bob] = await signInBuyers(api, 2, 'pow');
    const challenge = await alice!.get(`/api/events/${event.id}/queue/challenge`);
    expect(challenge.status).to.equal(200);
    expect(challenge.body).to.include({ algorithm: 'SHA-256', required: true, maxnumber: 100_000 });
    expect(Date.parse(challenge.body.expiresAt)).to.be.greaterThan(Date.now());
    const pow = solve(challenge.body);

    const stolen = await bob!.post(`/api/events/${event.id}/queue`, { quantity: 1, pow });
    expect(stolen.status, 'bound to the buyer').to.equal(428);
    expect(stolen.body.error.details.reason).to.equal('invalid');

    const joined = await alice!.post(`/api/events/${event.id}/queue`, { quantity: 1, pow });
    expect(joined.status).to.equal(201);
    expect(joined.body.status).to.equal('offered');

    await alice!.delete(`/api/events/${event.id}/queue/me`);
    const replay = await alice!.post(`/api/events/${event.id}/queue`, { quantity: 1, pow });
    expect(replay.status).to.equal(428);
    expect(replay.body.error.details.reason).to.equal('replayed');

    const forged = JSON.parse(Buffer.from(pow, 'base64').toString());
    forged.number += 1;
    const bad = await alice!.post(`/api/events/${event.id}/queue`, { quantity: 1, pow: Buffer.from(JSON.stringify(forged)).toString('base64') });
    expect(bad.status).to.equal(428);
    expect(bad.body.error.details.reason).to.equal('invalid');
  });

  it('refuses a proof made for another event', async () => {
    const one = await createEvent(seller, { powMode: 'on' });
    const other = await createEvent(seller, { powMode: 'on' });
    const [buyer] = await signInBuyers(api, 1, 'crossevent');
    const pow = solve((await buyer!.get(`/api/events/${one.id}/queue/challenge`)).body);
    const res = await buyer!.post(`/api/events/${other.id}/queue`, { quantity: 1, pow });
    expect(res.status).to.equal(428);
    expect(res.body.error.details.reason).to.equal('invalid');
  });

  it('asks nothing of events with proof-of-work off, and says so in the challenge', async () => {
    const event = await createEvent(seller);
    expect(event.powMode).to.equal('off');
    const [buyer] = await signInBuyers(api, 1, 'off');
    expect((await buyer!.get(`/api/events/${event.id}/queue/challenge`)).body.required).to.equal(false);
    expect((await buyer!.post(`/api/events/${event.id}/queue`, { quantity: 1 })).status).to.equal(201);
  });
});
