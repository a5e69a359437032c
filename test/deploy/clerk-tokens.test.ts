import { expect } from 'chai';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { localClerkApp } from '../support/tokens.js';

/**
 * Clerk mode pins both the issuer and the authorized parties: a session token of another Clerk
 * application (another issuer, another site's azp, another signing key) never signs anyone in here.
 */
describe("deploy: Clerk mode accepts only this Clerk application's tokens", function () {
  this.timeout(60_000);
  const ours = localClerkApp();
  let backend: Backend;
  let api: Api;
  before(async () => {
    backend = await startBackend({ label: 'clerk-tokens', env: ours.env });
    api = new Api(backend.url);
  });
  after(() => backend?.stop());

  it('accepts a session token of the configured application and says so in /api/config', async () => {
    const me = await api.as(await ours.token('user_clerk_ours')).get('/api/me');
    expect(me.status).to.equal(200);
    expect(me.body.user).to.include({ id: 'user_clerk_ours', role: 'buyer' });
    const config = (await api.get('/api/config')).body;
    expect(config).to.include({ authMode: 'clerk', clerkPublishableKey: ours.env.CLERK_PUBLISHABLE_KEY, paymentMode: 'demo', demo: true });
  });

  it('refuses a token issued by another Clerk application, even one signed with our key', async () => {
    const res = await api.as(await ours.token('user_other_iss', { issuer: 'https://clerk.someone-else.test' })).get('/api/me');
    expect(res.status).to.equal(401);
    expect(res.body.error.code).to.equal('unauthenticated');
  });

  it('refuses a token minted for another site (azp not among the authorized parties)', async () => {
    const res = await api.as(await ours.token('user_other_azp', { azp: 'https://evil.example' })).get('/api/me');
    expect(res.status).to.equal(401);
    expect(res.body.error.code).to.equal('unauthenticated');
  });

  it('refuses a token with our issuer and azp signed by another key', async () => {
    const impostor = localClerkApp(ours.issuer, ours.authorizedParty);
    const res = await api.as(await impostor.token('user_other_key')).get('/api/me');
    expect(res.status).to.equal(401);
  });

  it('has no dev sign-in, and a token of the dev issuer is refused', async () => {
    const signIn = await api.post('/api/dev/sign-in', { name: 'Mallory', role: 'seller', userId: 'user_clerk_ours' });
    expect(signIn.status).to.equal(404);
    const devShaped = await api.as(await ours.token('user_dev', { issuer: 'queuetix-dev:http://localhost:3000' })).get('/api/me');
    expect(devShaped.status).to.equal(401);
  });
});
