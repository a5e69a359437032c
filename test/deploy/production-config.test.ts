import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../backend/src/config.js';
import { Api } from '../support/api.js';
import { runUntilExit, startBackend } from '../support/backend.js';
import { startStripeMock } from '../support/stripe-mock.js';
import { localClerkApp } from '../support/tokens.js';

const base = { MONGODB_URL: 'mongodb://127.0.0.1:27017' };
const clerk = localClerkApp().env;
const stripe = { STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' };
const EVERY_PRODUCTION_VARIABLE = [
  'CLERK_SECRET_KEY',
  'CLERK_PUBLISHABLE_KEY',
  'CLERK_JWT_KEY',
  'CLERK_ISSUER',
  'CLERK_AUTHORIZED_PARTIES',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
];

function refusal(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`expected a refusal for ${Object.keys(env).join(', ')}`);
}

/** Production never falls back silently to dev sign-in or demo payments; half a configuration is a mistake in any mode. */
describe('deploy: production refuses unsafe defaults', function () {
  this.timeout(60_000);

  it('exits non-zero with one line naming every missing variable when NODE_ENV=production has no Clerk or Stripe', async () => {
    const { code, stderr } = await runUntilExit({ NODE_ENV: 'production', MONGODB_URL: 'mongodb://127.0.0.1:1' });
    expect(code).to.equal(78);
    const lines = stderr.trim().split('\n');
    expect(lines).to.have.length(1);
    for (const name of EVERY_PRODUCTION_VARIABLE) expect(lines[0]).to.contain(name);
    expect(lines[0]).to.contain('QUEUETIX_DEMO=1');
  });

  it('names only what is missing when production is partly configured', () => {
    const message = refusal({ NODE_ENV: 'production', ...clerk });
    expect(message).to.contain('STRIPE_SECRET_KEY').and.contain('STRIPE_WEBHOOK_SECRET');
    expect(message).to.not.contain('CLERK_');
  });

  it('refuses a half-configured Clerk in every mode', () => {
    for (const mode of ['development', 'test', 'production']) {
      const { CLERK_ISSUER: _issuer, ...withoutIssuer } = clerk;
      expect(refusal({ NODE_ENV: mode, ...withoutIssuer, ...stripe }), mode).to.match(/Clerk is half-configured, missing CLERK_ISSUER \(/);
      expect(refusal({ NODE_ENV: mode, CLERK_PUBLISHABLE_KEY: 'pk_test_x' }), mode).to.contain(
        'CLERK_SECRET_KEY, CLERK_JWT_KEY, CLERK_ISSUER, CLERK_AUTHORIZED_PARTIES',
      );
      expect(refusal({ NODE_ENV: mode, CLERK_JWT_KEY: clerk.CLERK_JWT_KEY! }), mode).to.contain('CLERK_ISSUER');
      expect(refusal({ NODE_ENV: mode, QUEUETIX_DEMO: '1', CLERK_SECRET_KEY: 'sk_live_x' }), mode).to.contain('Clerk is half-configured');
    }
  });

  it("refuses authorized parties that are not origins (they could never match a token's azp)", () => {
    const message = refusal({ ...clerk, CLERK_AUTHORIZED_PARTIES: 'https://tickets.queuetix.test/, tickets.queuetix.test' });
    expect(message).to.contain('CLERK_AUTHORIZED_PARTIES must list origins').and.contain('https://tickets.queuetix.test/, tickets.queuetix.test');
    expect(loadConfig({ ...base, ...clerk, CLERK_AUTHORIZED_PARTIES: 'https://a.example, http://localhost:3000' }).CLERK_AUTHORIZED_PARTIES).to.have.length(2);
  });

  it('refuses a half-configured Stripe in every mode', () => {
    for (const mode of ['development', 'test', 'production']) {
      expect(refusal({ NODE_ENV: mode, STRIPE_WEBHOOK_SECRET: 'whsec_x' }), mode).to.match(/Stripe is half-configured, missing STRIPE_SECRET_KEY \(/);
      expect(refusal({ NODE_ENV: mode, STRIPE_SECRET_KEY: 'sk_test_x' }), mode).to.match(/Stripe is half-configured, missing STRIPE_WEBHOOK_SECRET \(/);
    }
  });

  it('refuses seeding demo data in production unless the operator says it is a demo', () => {
    expect(refusal({ NODE_ENV: 'production', ...clerk, ...stripe, SEED_DEMO: 'true' })).to.contain('SEED_DEMO');
    expect(loadConfig({ ...base, NODE_ENV: 'production', QUEUETIX_DEMO: '1', SEED_DEMO: 'true' }).demo).to.equal(true);
  });

  it('keeps development and tests as easy as before: nothing set means dev sign-in and demo payments, labelled', () => {
    const config = loadConfig({ ...base });
    expect(config).to.include({ NODE_ENV: 'development', authMode: 'dev', paymentMode: 'demo', demo: true });
  });

  it('labels any deployment with dev sign-in or demo payments as a demo, and a full one as not', () => {
    expect(loadConfig({ ...base, ...stripe }).demo, 'dev sign-in with Stripe').to.equal(true);
    expect(loadConfig({ ...base, ...clerk }).demo, 'Clerk with demo payments').to.equal(true);
    expect(loadConfig({ ...base, ...clerk, ...stripe }).demo, 'Clerk and Stripe').to.equal(false);
    expect(loadConfig({ ...base, ...clerk, ...stripe, QUEUETIX_DEMO: '1' }).demo, 'QUEUETIX_DEMO=1').to.equal(true);
  });

  it('starts a production demo when QUEUETIX_DEMO=1 says so, and tells the site and the widget', async () => {
    const backend = await startBackend({ label: 'production-demo', env: { NODE_ENV: 'production', QUEUETIX_DEMO: '1' } });
    try {
      const api = new Api(backend.url);
      expect((await api.get('/api/config')).body).to.deep.equal({ authMode: 'dev', paymentMode: 'demo', demo: true });
      expect((await api.post('/api/dev/sign-in', { name: 'Demo', role: 'buyer' })).status).to.equal(200);
    } finally {
      await backend.stop();
    }
  });

  it('starts in production with Clerk and Stripe fully configured, without demo label or dev sign-in', async () => {
    const stripeMock = await startStripeMock();
    const backend = await startBackend({ label: 'production-full', env: { NODE_ENV: 'production', ...localClerkApp().env, ...stripeMock.env } });
    try {
      const api = new Api(backend.url);
      expect((await api.get('/api/config')).body).to.include({ authMode: 'clerk', paymentMode: 'stripe', demo: false });
      expect((await api.post('/api/dev/sign-in', { name: 'Mallory', role: 'seller' })).status).to.equal(404);
    } finally {
      await backend.stop();
      await stripeMock.stop();
    }
  });
});
