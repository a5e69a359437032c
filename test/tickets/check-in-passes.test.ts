/**
 * Issue 12, part 8: door staff without the seller's keys. A check-in pass checks tickets in for its
 * one event and shows the door count; everything else answers 403; the seller lists and revokes it.
 */
import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { buy } from './support/buy.js';
import { parsePassToken } from '../../backend/src/door/pass-token.js';

describe('tickets: check-in passes for door staff', () => {
  let anon: Api;
  let seller: Api;
  let otherSeller: Api;
  let buyer: Api;

  before(async () => {
    anon = new Api((await sharedBackend()).url);
    seller = (await anon.signIn('Pass Seller', 'seller')).api;
    otherSeller = (await anon.signIn('Other Pass Seller', 'seller')).api;
    buyer = (await anon.signIn('Pass Buyer')).api;
  });

  async function newPass(eventId: string, label = 'Front door') {
    const res = await seller.post(`/api/events/${eventId}/check-in-passes`, { label });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { pass: { id: string; label: string; revokedAt: string | null }; token: string; url: string };
  }

  it('lets a pass check tickets in for its event and read the door count, as the owner would', async () => {
    const event = await createEvent(seller, { name: 'Pass Night' });
    const [first, second] = await buy(buyer, event.id, 2);
    const { token, url, pass } = await newPass(event.id);
    expect(pass).to.include({ label: 'Front door', revokedAt: null });
    expect(url).to.match(new RegExp(`/door/${event.id}#qcp_`));
    expect(url.endsWith(token)).to.equal(true);
    const staff = anon.as(token);

    const admitted = await staff.post(`/api/events/${event.id}/check-in`, { code: first!.code });
    expect(admitted.status).to.equal(200);
    expect(admitted.body.result).to.equal('admitted');
    expect((await staff.post(`/api/events/${event.id}/check-in`, { code: first!.code })).body.result).to.equal('already_used');
    const door = await staff.get(`/api/events/${event.id}/door`);
    expect(door.status).to.equal(200);
    expect(door.body).to.include({ eventId: event.id, eventName: 'Pass Night', admitted: 1, sold: 2 });
    // The seller sees the same count; the other ticket is still valid.
    expect((await seller.get(`/api/events/${event.id}/door`)).body).to.include({ admitted: 1, sold: 2 });
    expect((await buyer.get(`/api/tickets/${second!.id}`)).body.status).to.equal('valid');
  });

  it('answers 403 to a pass everywhere else: another event, the seller routes, the buyer routes', async () => {
    const event = await createEvent(seller);
    const other = await createEvent(seller);
    const [ticketOfOther] = await buy(buyer, other.id, 1);
    const staff = anon.as((await newPass(event.id)).token);
    const refused: Array<[string, string, unknown?]> = [
      ['POST', `/api/events/${other.id}/check-in`, { code: ticketOfOther!.code }],
      ['GET', `/api/events/${other.id}/door`],
      ['GET', `/api/events/${event.id}/check-in-passes`],
      ['POST', `/api/events/${event.id}/check-in-passes`, { label: 'More' }],
      ['PATCH', `/api/events/${event.id}`, { name: 'Taken over' }],
      ['POST', `/api/events/${event.id}/cancel`, {}],
      ['GET', `/api/seller/events/${event.id}/sales`],
      ['GET', '/api/seller/events'],
      ['POST', `/api/events/${event.id}/queue`, { quantity: 1 }],
      ['GET', '/api/tickets'],
      ['GET', `/api/tickets/${ticketOfOther!.id}`],
      ['GET', '/api/me'],
      ['GET', `/api/events/${event.id}`],
    ];
    for (const [method, path, body] of refused) {
      const res = await staff.request(method, path, body);
      expect(res.status, `${method} ${path}`).to.equal(403);
      expect(res.body.error.code).to.equal('forbidden');
      expect(res.body.error.message).to.match(/check-in pass can only check tickets in/);
    }
    expect((await buyer.get(`/api/tickets/${ticketOfOther!.id}`)).body.status).to.equal('valid');
  });

  it('lists the passes to the owner only, and revokes one at once', async () => {
    const event = await createEvent(seller);
    const [ticket] = await buy(buyer, event.id, 1);
    const front = await newPass(event.id, 'Front door');
    const back = await newPass(event.id, 'Back door');
    const list = await seller.get(`/api/events/${event.id}/check-in-passes`);
    expect(list.status).to.equal(200);
    expect(list.body.items.map((p: any) => p.label)).to.deep.equal(['Back door', 'Front door']);
    // The secret is base64url and may itself hold '_': take it the way the server parses it.
    expect(JSON.stringify(list.body)).to.not.include(parsePassToken(front.token)!.secret);
    expect((await otherSeller.get(`/api/events/${event.id}/check-in-passes`)).status).to.equal(403);
    expect((await otherSeller.delete(`/api/events/${event.id}/check-in-passes/${front.pass.id}`)).status).to.equal(403);

    const revoked = await seller.delete(`/api/events/${event.id}/check-in-passes/${front.pass.id}`);
    expect(revoked.status).to.equal(200);
    expect(revoked.body.revokedAt).to.be.a('string');
    const refused = await anon.as(front.token).post(`/api/events/${event.id}/check-in`, { code: ticket!.code });
    expect(refused.status).to.equal(401);
    expect(refused.body.error.message).to.match(/revoked/);
    // The other pass still works; the ticket was not admitted by the revoked one.
    expect((await anon.as(back.token).post(`/api/events/${event.id}/check-in`, { code: ticket!.code })).body.result).to.equal('admitted');
    expect((await seller.delete(`/api/events/${event.id}/check-in-passes/nosuchpass000000`)).status).to.equal(404);
  });

  it('refuses forged and malformed pass tokens (401) and bad labels (400)', async () => {
    const event = await createEvent(seller);
    const { token } = await newPass(event.id);
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const bad of [forged, 'qcp_nope', `qcp_${'a'.repeat(16)}_${'b'.repeat(43)}`]) {
      const res = await anon.as(bad).get(`/api/events/${event.id}/door`);
      expect(res.status, bad).to.equal(401);
    }
    for (const label of ['', 'x'.repeat(81)]) {
      expect((await seller.post(`/api/events/${event.id}/check-in-passes`, { label })).status).to.equal(400);
    }
  });
});
