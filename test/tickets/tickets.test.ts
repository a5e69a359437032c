import { expect } from 'chai';
import { Ticket, TicketList } from '@queuetix/contracts/tickets';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { buy } from './support/buy.js';

describe('tickets: my tickets and one ticket', () => {
  let anon: Api;
  let seller: Api;
  before(async () => {
    anon = new Api((await sharedBackend()).url);
    seller = (await anon.signIn('Ticket Seller', 'seller')).api;
  });

  it('issues one ticket per seat with the amount actually paid, each with an unguessable code', async () => {
    const event = await createEvent(seller, { price: 1001, totalTickets: 5 });
    const buyer = (await anon.signIn('Three Seats')).api;
    const tickets = (await buy(buyer, event.id, 3)).map((t) => Ticket.parse(t));
    expect(tickets.map((t) => t.status)).to.deep.equal(['valid', 'valid', 'valid']);
    expect(tickets.reduce((sum, t) => sum + t.amount, 0)).to.equal(3003);
    expect(new Set(tickets.map((t) => t.code)).size).to.equal(3);
    for (const t of tickets) expect(t.code).to.match(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect((await anon.get(`/api/events/${event.id}/availability`)).body).to.include({ sold: 3, held: 0, free: 2 });
  });

  it('numbers the tickets of one purchase (1 of 2, 2 of 2) under one order id, in every read', async () => {
    const event = await createEvent(seller, { totalTickets: 6 });
    const buyer = (await anon.signIn('Group Buyer')).api;
    const pair = await buy(buyer, event.id, 2);
    const single = await buy((await anon.signIn('Solo Buyer')).api, event.id, 1);
    expect(pair.map((t) => t.order)).to.deep.equal([
      { id: pair[0].order.id, index: 1, size: 2 },
      { id: pair[0].order.id, index: 2, size: 2 },
    ]);
    expect(single[0].order).to.include({ index: 1, size: 1 });
    expect(single[0].order.id).to.not.equal(pair[0].order.id);
    const listed = TicketList.parse((await buyer.get('/api/tickets')).body).items;
    expect(listed.map((t) => `${t.order!.index} of ${t.order!.size}`).sort()).to.deep.equal(['1 of 2', '2 of 2']);
    expect((await buyer.get(`/api/tickets/${pair[1].id}`)).body.order).to.deep.equal({ id: pair[0].order.id, index: 2, size: 2 });
  });

  it("lists my tickets, newest first, each with its event, and nobody else's", async () => {
    const first = await createEvent(seller, { name: 'First Night' });
    const second = await createEvent(seller, { name: 'Second Night' });
    const buyer = (await anon.signIn('Collector')).api;
    const other = (await anon.signIn('Someone Else')).api;
    const a = await buy(buyer, first.id, 1);
    const b = await buy(buyer, second.id, 2);
    await buy(other, first.id, 1);

    const res = await buyer.get('/api/tickets');
    expect(res.status).to.equal(200);
    const list = TicketList.parse(res.body);
    expect(list.total).to.equal(3);
    expect(list.items.map((t) => t.id).sort()).to.deep.equal([...a, ...b].map((t) => t.id).sort());
    expect(list.items[list.items.length - 1]!.id).to.equal(a[0].id);
    const withEvent = list.items.find((t) => t.id === a[0].id)!;
    expect(withEvent.event).to.include({ id: first.id, name: 'First Night' });
    expect(withEvent.event!.availability.sold).to.equal(2);

    const paged = TicketList.parse((await buyer.get('/api/tickets?page=2&pageSize=2')).body);
    expect(paged).to.include({ total: 3, page: 2, pageSize: 2 });
    expect(paged.items).to.have.length(1);
  });

  it("shows a ticket to its buyer and to the event's organiser, and to nobody else (404, no hint it exists)", async () => {
    const event = await createEvent(seller);
    const buyer = (await anon.signIn('Holder')).api;
    const [ticket] = await buy(buyer, event.id, 1);

    const mine = await buyer.get(`/api/tickets/${ticket.id}`);
    expect(mine.status).to.equal(200);
    expect(Ticket.parse(mine.body)).to.include({ id: ticket.id, code: ticket.code, status: 'valid' });
    expect(mine.body.event.id).to.equal(event.id);
    expect((await seller.get(`/api/tickets/${ticket.id}`)).status).to.equal(200);

    const stranger = (await anon.signIn('Stranger')).api;
    const otherSeller = (await anon.signIn('Other Organiser', 'seller')).api;
    for (const caller of [stranger, otherSeller]) {
      const res = await caller.get(`/api/tickets/${ticket.id}`);
      expect(res.status).to.equal(404);
      expect(res.body).to.deep.equal((await caller.get('/api/tickets/tk_doesnotexist')).body);
    }
    expect((await anon.get(`/api/tickets/${ticket.id}`)).status).to.equal(401);
    expect((await anon.get('/api/tickets')).status).to.equal(401);
  });

  it('refuses bad ticket queries with 400', async () => {
    const buyer = (await anon.signIn('Bad Query')).api;
    for (const path of [
      '/api/tickets?page=0',
      '/api/tickets?pageSize=1000',
      '/api/tickets?page=abc',
      '/api/tickets?status=valid',
      '/api/tickets/not%20an%20id',
      `/api/tickets/${'x'.repeat(65)}`,
    ]) {
      const res = await buyer.get(path);
      expect(res.status, path).to.equal(400);
      expect(res.body.error.code, path).to.equal('invalid_request');
    }
  });
});
