import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';

describe('auth: dev sign-in and token verification', () => {
  let api: Api;
  before(async () => {
    api = new Api((await sharedBackend()).url);
  });

  it('issues a token that GET /api/me accepts and stores the user on first sight', async () => {
    const { api: alice, user } = await api.signIn('Alice', 'seller');
    expect(user).to.include({ name: 'Alice', role: 'seller' });
    const me = await alice.get('/api/me');
    expect(me.status).to.equal(200);
    expect(me.body.user).to.deep.equal(user);
  });

  it('keeps the same user id when asked, so a returning buyer is the same buyer', async () => {
    const first = await api.signIn('Bob', 'buyer', 'bob_fixed');
    const second = await api.signIn('Bob B.', 'buyer', 'bob_fixed');
    expect(second.user.id).to.equal(first.user.id).and.equal('bob_fixed');
    expect((await second.api.get('/api/me')).body.user.name).to.equal('Bob B.');
  });

  it('refuses requests without a token, with a forged token and with a malformed header', async () => {
    const { token } = await api.signIn('Carol');
    const [header, payload] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'someone_else' })).toString('base64url')}.${token.split('.')[2]}`;
    for (const res of [
      await api.get('/api/me'),
      await api.as(forged).get('/api/me'),
      await api.request('GET', '/api/me', undefined, { authorization: 'Basic abc' }),
    ]) {
      expect(res.status).to.equal(401);
      expect(res.body.error.code).to.equal('unauthenticated');
      expect(res.body.error.message)
        .to.be.a('string')
        .and.not.match(/at .*\.ts:\d+/);
    }
  });

  it('rejects a bad sign-in body with invalid_request naming the field, and creates nobody', async () => {
    for (const body of [
      {},
      { name: '', role: 'buyer' },
      { name: 'X', role: 'admin' },
      { name: 'X', role: 'buyer', userId: '../../etc' },
      { name: 'X', role: 'buyer', extra: 1 },
    ]) {
      const res = await api.post('/api/dev/sign-in', body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body.error.code).to.equal('invalid_request');
    }
    const malformed = await api.request('POST', '/api/dev/sign-in', '{"name":', { 'content-type': 'application/json' });
    expect(malformed.status).to.equal(400);
    expect(malformed.body.error.code).to.equal('invalid_request');
  });

  it('answers health and the public config', async () => {
    expect((await api.get('/api/health')).body).to.deep.equal({ ok: true, db: 'up' });
    expect((await api.get('/api/config')).body).to.deep.equal({ authMode: 'dev', paymentMode: 'demo', demo: true });
  });

  it('answers unknown API paths with a JSON not_found', async () => {
    const res = await api.get('/api/nope');
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('not_found');
  });
});
