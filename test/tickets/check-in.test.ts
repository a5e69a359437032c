import { expect } from 'chai';
import { CheckInResponse } from '@queuetix/contracts/tickets';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventually } from '../support/fixtures.js';
import { buy } from './support/buy.js';

describe('tickets: check-in at the door', () => {
  let anon: Api;
  let seller: Api;
  let buyer: Api;
  before(async () => {
    anon = new Api((await sharedBackend()).url);
    seller = (await anon.signIn('Door Seller', 'seller')).api;
    buyer = (await anon.signIn('Door Buyer')).api;
  });

  const scan = async (eventId: string, code: string, as = seller) => {
    const res = await as.post(`/api/events/${eventId}/check-in`, { code });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return CheckInResponse.parse(res.body);
  };

  it('admits a valid ticket once; a second scan says it was already used, and when', async () => {
    const event = await createEvent(seller);
    const [ticket] = await buy(buyer, event.id, 1);
    const first = await scan(event.id, ticket.code);
    expect(first.result).to.equal('admitted');
    expect(first.ticket).to.include({ id: ticket.id, status: 'used' });
    const second = await scan(event.id, ticket.code);
    expect(second.result).to.equal('already_used');
    expect(second.ticket!.usedAt).to.equal(first.ticket!.usedAt);
    expect((await buyer.get(`/api/tickets/${ticket.id}`)).body.status).to.equal('used');
  });

  it('says when and by which door a ticket was admitted when it is scanned again', async () => {
    const event = await createEvent(seller);
    const [ticket] = await buy(buyer, event.id, 1);
    const admit = await seller.post(`/api/events/${event.id}/check-in`, { code: ticket.code, door: 'North gate' });
    const first = CheckInResponse.parse(admit.body);
    expect(first).to.include({ result: 'admitted', door: 'North gate' });
    expect(first.checkedInAt).to.equal(first.ticket!.usedAt);
    const again = CheckInResponse.parse((await seller.post(`/api/events/${event.id}/check-in`, { code: ticket.code, door: 'South gate' })).body);
    expect(again).to.deep.include({ result: 'already_used', checkedInAt: first.checkedInAt, door: 'North gate' });
    const bad = await seller.post(`/api/events/${event.id}/check-in`, { code: ticket.code, door: 'x'.repeat(61) });
    expect(bad.status).to.equal(400);
  });

  it('admits exactly once when two doors scan the same ticket at the same moment', async () => {
    const event = await createEvent(seller);
    const [ticket] = await buy(buyer, event.id, 1);
    const results = await Promise.all(Array.from({ length: 8 }, () => scan(event.id, ticket.code)));
    const admitted = results.filter((r) => r.result === 'admitted');
    expect(admitted).to.have.length(1);
    expect(results.filter((r) => r.result === 'already_used')).to.have.length(7);
  });

  it('refuses a ticket of another event (wrong_event) and an unknown code (not_found), changing nothing', async () => {
    const here = await createEvent(seller, { name: 'Here' });
    const there = await createEvent(seller, { name: 'There' });
    const [ticket] = await buy(buyer, there.id, 1);
    const wrong = await scan(here.id, ticket.code);
    expect(wrong.result).to.equal('wrong_event');
    expect(wrong.ticket).to.equal(undefined);
    expect((await scan(here.id, 'no-such-code-0123456789')).result).to.equal('not_found');
    expect((await buyer.get(`/api/tickets/${ticket.id}`)).body.status).to.equal('valid');
  });

  it('refuses a refunded ticket (refunded) after the event is cancelled', async () => {
    const event = await createEvent(seller);
    const [ticket] = await buy(buyer, event.id, 1);
    const cancel = await seller.post(`/api/events/${event.id}/cancel`, {});
    expect(cancel.status).to.be.oneOf([200, 202]);
    await eventually(async () => ((await buyer.get(`/api/tickets/${ticket.id}`)).body.status === 'refunded' ? true : undefined), 15_000, 'the refund');
    const res = await scan(event.id, ticket.code);
    expect(res.result).to.equal('refunded');
    expect(res.ticket).to.include({ status: 'refunded' });
  });

  it("lets only the event's owner scan: 401 anonymous, 403 buyer or other seller, 404 unknown event", async () => {
    const event = await createEvent(seller);
    const [ticket] = await buy(buyer, event.id, 1);
    expect((await anon.post(`/api/events/${event.id}/check-in`, { code: ticket.code })).status).to.equal(401);
    expect((await buyer.post(`/api/events/${event.id}/check-in`, { code: ticket.code })).status).to.equal(403);
    const other = (await anon.signIn('Door Thief', 'seller')).api;
    expect((await other.post(`/api/events/${event.id}/check-in`, { code: ticket.code })).status).to.equal(403);
    expect((await seller.post('/api/events/ev_unknown/check-in', { code: ticket.code })).status).to.equal(404);
    expect((await buyer.get(`/api/tickets/${ticket.id}`)).body.status).to.equal('valid');
  });

  it('refuses malformed check-ins with 400 and admits nobody', async () => {
    const event = await createEvent(seller);
    const [ticket] = await buy(buyer, event.id, 1);
    const bodies: unknown[] = [
      {},
      { code: '' },
      { code: '   ' },
      { code: 42 },
      { code: ['a'] },
      { code: 'x'.repeat(201) },
      { code: ticket.code, extra: true },
      null,
    ];
    for (const body of bodies) {
      const res = await seller.request('POST', `/api/events/${event.id}/check-in`, JSON.stringify(body), { 'content-type': 'application/json' });
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body.error.code).to.equal('invalid_request');
    }
    const malformed = await seller.request('POST', `/api/events/${event.id}/check-in`, '{"code":', { 'content-type': 'application/json' });
    expect(malformed.status).to.equal(400);
    expect((await buyer.get(`/api/tickets/${ticket.id}`)).body.status).to.equal('valid');
  });
});
