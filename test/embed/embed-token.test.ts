/**
 * Issue 12, part 3: the sign-in popup hands a host page a scoped embed token, never the site
 * session. Real server, real tokens: what the token may reach, what it may not, which sites may
 * get one, and that only the backend's own key and audience make one.
 */
import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { LiveClient } from '../realtime/live-client.js';
import { claimsOf, embedSecret, embedToken, forge, SHOP } from './support.js';

describe('embed tokens: what the sign-in popup gives a host page', function () {
  this.timeout(60_000);
  let backend: Backend;
  let anon: Api;
  let seller: Api;
  let buyer: Api;
  let buyerId: string;

  before(async () => {
    backend = await sharedBackend();
    anon = new Api(backend.url);
    seller = (await anon.signIn('Embed Seller', 'seller')).api;
    const signedIn = await anon.signIn('Embed Buyer');
    buyer = signedIn.api;
    buyerId = signedIn.user.id;
  });

  describe('which sites get one', () => {
    it('refuses every other site for an event with no allowed origins, and says how to allow one', async () => {
      const event = await createEvent(seller, { name: 'Closed Show' });
      const res = await buyer.post('/api/embed/token', { eventId: event.id, origin: SHOP });
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('forbidden');
      expect(res.body.error.message).to.match(/has not allowed any/);
    });

    it('gives one to a listed site and refuses a site that is not listed', async () => {
      const event = await createEvent(seller, { name: 'Listed Show', allowedOrigins: [SHOP] });
      expect((await buyer.post('/api/embed/token', { eventId: event.id, origin: SHOP })).status).to.equal(200);
      const other = await buyer.post('/api/embed/token', { eventId: event.id, origin: 'https://evil.example' });
      expect(other.status).to.equal(403);
      expect(other.body.error.message).to.match(/has not allowed https:\/\/evil\.example/);
    });

    it('gives one to any site when the seller chose any site (*)', async () => {
      const event = await createEvent(seller, { name: 'Open Show', allowedOrigins: ['*'] });
      const res = await buyer.post('/api/embed/token', { eventId: event.id, origin: 'https://anyone.example' });
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ eventId: event.id, origin: 'https://anyone.example' });
      expect(res.body.user).to.deep.equal({ id: buyerId, name: 'Embed Buyer' });
    });

    it('needs a signed-in caller, a known event and a real origin', async () => {
      const event = await createEvent(seller, { allowedOrigins: ['*'] });
      expect((await anon.post('/api/embed/token', { eventId: event.id, origin: SHOP })).status).to.equal(401);
      expect((await buyer.post('/api/embed/token', { eventId: 'evt_nope', origin: SHOP })).status).to.equal(404);
      const bad = await buyer.post('/api/embed/token', { eventId: event.id, origin: 'https://shop.example.com/page' });
      expect(bad.status).to.equal(400);
      expect(bad.body.error.code).to.equal('invalid_request');
    });
  });

  describe('the token', () => {
    it('has its own audience, lives at most 15 minutes and names the event and the site', async () => {
      const event = await createEvent(seller, { allowedOrigins: [SHOP] });
      const claims = claimsOf(await embedToken(buyer, event.id));
      expect(claims.aud).to.equal('queuetix-embed');
      expect(claims.exp - claims.iat).to.be.at.most(15 * 60);
      expect(claims).to.include({ sub: buyerId, evt: event.id, org: SHOP });
    });

    it('reaches the buyer routes of its event: join, my entry, my tickets of the event, leave, checkout', async () => {
      const event = await createEvent(seller, { allowedOrigins: [SHOP], totalTickets: 1, price: 0 });
      const embed = buyer.as(await embedToken(buyer, event.id));
      const joined = await embed.post(`/api/events/${event.id}/queue`, { quantity: 1 });
      expect(joined.status).to.equal(201);
      expect(joined.body.userId).to.equal(buyerId);
      expect((await embed.get(`/api/events/${event.id}/queue/me`)).body.status).to.equal('offered');
      const tickets = await embed.get(`/api/tickets?eventId=${event.id}`);
      expect(tickets.status).to.equal(200);
      expect(tickets.body.items).to.be.an('array');
      expect((await embed.delete(`/api/events/${event.id}/queue/me`)).body.status).to.equal('left');
      expect((await embed.post(`/api/events/${event.id}/queue`, { quantity: 1 })).body.status).to.equal('offered');
      const checkout = await embed.post(`/api/events/${event.id}/checkout`, { flow: 'popup' });
      expect(checkout.status).to.equal(200);
      expect(checkout.body.sessionId).to.be.a('string');
    });

    it('answers 403 forbidden, with a clear message, on every other route', async () => {
      const event = await createEvent(seller, { allowedOrigins: [SHOP] });
      const otherEvent = await createEvent(seller, { allowedOrigins: [SHOP] });
      const embed = buyer.as(await embedToken(buyer, event.id));
      const refused: Array<[string, string, unknown?]> = [
        ['GET', '/api/me'],
        ['GET', '/api/tickets'],
        ['GET', `/api/tickets?eventId=${otherEvent.id}`],
        ['GET', '/api/tickets/tkt_1'],
        ['GET', `/api/events/${event.id}`],
        ['GET', '/api/events'],
        ['POST', `/api/events/${otherEvent.id}/queue`, { quantity: 1 }],
        ['GET', `/api/events/${otherEvent.id}/queue/me`],
        ['POST', `/api/events/${otherEvent.id}/checkout`, {}],
        ['POST', '/api/events', {}],
        ['PATCH', `/api/events/${event.id}`, { name: 'Mine now' }],
        ['POST', `/api/events/${event.id}/cancel`, {}],
        ['POST', `/api/events/${event.id}/check-in`, { code: 'x' }],
        ['POST', '/api/embed/token', { eventId: event.id, origin: SHOP }],
        ['GET', '/api/seller/events'],
        ['POST', '/api/seller/stripe/account', {}],
        ['GET', '/api/demo-checkout/cs_1'],
      ];
      for (const [method, path, body] of refused) {
        const res = await embed.request(method, path, body);
        expect(res.status, `${method} ${path}`).to.equal(403);
        expect(res.body.error.code).to.equal('forbidden');
        expect(res.body.error.message).to.match(/only/);
      }
      // Nothing happened on the other event.
      expect((await buyer.get(`/api/events/${otherEvent.id}/queue/me`)).status).to.equal(404);
    });

    it('is refused from a browser page of another site than the one it was given to', async () => {
      const event = await createEvent(seller, { allowedOrigins: [SHOP, 'https://other.example'] });
      const embed = buyer.as(await embedToken(buyer, event.id));
      const res = await embed.request('GET', `/api/events/${event.id}/queue/me`, undefined, { origin: 'https://other.example' });
      expect(res.status).to.equal(403);
      expect(res.body.error.message).to.match(/given to https:\/\/shop\.example\.com/);
      expect((await embed.request('GET', `/api/events/${event.id}/queue/me`, undefined, { origin: SHOP })).status).to.equal(404);
    });

    it('is refused once expired (401), and when signed with another key or for another audience', async () => {
      const event = await createEvent(seller, { allowedOrigins: [SHOP] });
      const good = claimsOf(await embedToken(buyer, event.id));
      const secret = await embedSecret(backend);
      const now = Math.floor(Date.now() / 1000);
      const expired = await forge(secret, { ...good, iat: now - 1000, nbf: now - 1000, exp: now - 60 });
      const res = await anon.as(expired).get(`/api/events/${event.id}/queue/me`);
      expect(res.status).to.equal(401);
      expect(res.body.error.message).to.match(/expired/);
      const otherKey = await forge(new Uint8Array(32).fill(7), { ...good, exp: now + 600 });
      expect((await anon.as(otherKey).get(`/api/events/${event.id}/queue/me`)).status).to.equal(401);
      const otherAudience = await forge(secret, { ...good, aud: 'queuetix-site', exp: now + 600 });
      expect((await anon.as(otherAudience).get(`/api/events/${event.id}/queue/me`)).status).to.equal(401);
      // Signed by us but without the embed kid: goes to the session verifier, which refuses it too.
      const disguised = await forge(secret, { ...good, exp: now + 600 }, 'queuetix-dev');
      expect((await anon.as(disguised).get('/api/me')).status).to.equal(401);
    });
  });

  describe('its socket', () => {
    it('watches only its event and hears only that event’s entry', async () => {
      const event = await createEvent(seller, { allowedOrigins: [SHOP] });
      const otherEvent = await createEvent(seller, { allowedOrigins: [SHOP] });
      const live = await LiveClient.connect(backend.url, await embedToken(buyer, event.id));
      try {
        expect(await live.watch(event.id)).to.deep.equal({ ok: true });
        const refused = await live.watch(otherEvent.id);
        expect(refused.error.code).to.equal('forbidden');
        // The same buyer, on the site, joins another event: the host page's socket hears nothing of it.
        expect((await buyer.post(`/api/events/${otherEvent.id}/queue`, { quantity: 1 })).status).to.equal(201);
        expect((await buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 })).status).to.equal(201);
        await live.next('entry', (e) => e.eventId === event.id);
        const site = await LiveClient.connect(backend.url, buyer.token);
        try {
          expect((await buyer.delete(`/api/events/${otherEvent.id}/queue/me`)).status).to.equal(200);
          await site.next('entry', (e) => e.eventId === otherEvent.id && e.status === 'left');
        } finally {
          site.socket.close();
        }
        expect(live.received('entry').map((e) => e.eventId)).to.not.include(otherEvent.id);
      } finally {
        live.socket.close();
      }
    });
  });
});
