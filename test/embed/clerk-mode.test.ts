/**
 * Embed tokens work the same when Clerk signs the site sessions: the embed key is Queuetix's own
 * (kept in the database), not Clerk's. Site sessions here are Clerk-shaped tokens signed by a local
 * key standing in for Clerk's (its public half is CLERK_JWT_KEY).
 */
import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { DevTokenIssuer } from '../../backend/src/auth/dev-token-issuer.js';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { claimsOf, embedToken, SHOP } from './support.js';

const SITE = 'https://tickets.example.test';
const CLERK_ISSUER = 'https://clerk.tickets.example.test';

describe('embed tokens in Clerk mode', function () {
  this.timeout(60_000);
  let backend: Backend;
  let clerk: DevTokenIssuer;

  before(async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    clerk = new DevTokenIssuer(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), CLERK_ISSUER, SITE);
    backend = await startBackend({
      label: 'embed-clerk',
      env: {
        PUBLIC_URL: SITE,
        CLERK_SECRET_KEY: 'sk_test_stand_in',
        CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from('clerk.tickets.example.test$').toString('base64')}`,
        CLERK_JWT_KEY: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        CLERK_AUTHORIZED_PARTIES: SITE,
        CLERK_ISSUER,
      },
    });
  });

  after(async () => {
    await backend?.stop();
  });

  it('issues a scoped token for a Clerk session and confines it to the event', async () => {
    const anon = new Api(backend.url);
    expect((await anon.get('/api/config')).body.authMode).to.equal('clerk');
    const seller = anon.as(await clerk.issue({ id: 'user_clerk_seller', name: 'Clerk Seller', role: 'seller' }));
    const buyer = anon.as(await clerk.issue({ id: 'user_clerk_buyer', name: 'Clerk Buyer', role: 'buyer' }));
    const event = await createEvent(seller, { allowedOrigins: [SHOP], price: 0 });

    const token = await embedToken(buyer, event.id);
    expect(claimsOf(token)).to.include({ aud: 'queuetix-embed', sub: 'user_clerk_buyer', evt: event.id, org: SHOP });
    const embed = anon.as(token);
    expect((await embed.post(`/api/events/${event.id}/queue`, { quantity: 1 })).status).to.equal(201);
    expect((await embed.get('/api/me')).status).to.equal(403);
    // The Clerk session still does everything it did.
    expect((await buyer.get(`/api/events/${event.id}/queue/me`)).body.userId).to.equal('user_clerk_buyer');
  });
});
