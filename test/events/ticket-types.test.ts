/**
 * docs/domain.md, Ticket types, Joining with types and Codes, over HTTP (demo payment mode): types
 * on create and edit, hidden types and access codes, discount codes and their limit, a sold-out
 * type told to the waiting and changed without losing the place, tickets with type and price paid,
 * the seller's breakdown and the orders CSV.
 */
import { expect } from 'chai';
import { Code, CheckCodeResponse } from '@queuetix/contracts/codes';
import { Event } from '@queuetix/contracts/events';
import { Entry } from '@queuetix/contracts/queue';
import { SalesReport } from '@queuetix/contracts/seller';
import type { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { eventBody, payOffer } from '../support/fixtures.js';
import { sellerAndBuyer } from './support.js';

const TYPES = [
  { id: 'floor', name: 'Floor', price: 3000, capacity: 2 },
  { id: 'balcony', name: 'Balcony', price: 2000, capacity: 5, maxPerBuyer: 2 },
  { id: 'crew', name: 'Crew presale', price: 1000, capacity: 3, hidden: true },
];

describe('events: ticket types and codes over HTTP', () => {
  let url: string;
  let seller: Api;
  let anon: Api;
  let event: Event;
  before(async () => {
    url = (await sharedBackend()).url;
    ({ seller, anon } = await sellerAndBuyer(url, 'types'));
    const { price: _p, totalTickets: _t, ...fields } = eventBody();
    const created = await seller.post('/api/events', { ...fields, ticketTypes: TYPES, capacity: 9 });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    event = Event.parse(created.body);
  });
  const buyer = async (name: string) => (await sellerAndBuyer(url, name)).buyer;

  it('shows the owner every type and everyone else the visible ones, with per-type availability', async () => {
    expect(event).to.include({ totalTickets: 9, capacity: 9, price: 3000 });
    expect(event.ticketTypes.map((t) => t.id)).to.deep.equal(['floor', 'balcony', 'crew']);
    const own = Event.parse((await seller.get(`/api/events/${event.id}`)).body);
    expect(own.ticketTypes.map((t) => t.id)).to.deep.equal(['floor', 'balcony', 'crew']);
    const seen = Event.parse((await anon.get(`/api/events/${event.id}`)).body);
    expect(seen.ticketTypes.map((t) => t.id)).to.deep.equal(['floor', 'balcony']);
    expect(seen.availability.types.map((t) => [t.typeId, t.free])).to.deep.equal([
      ['floor', 2],
      ['balcony', 5],
    ]);
  });

  it('keeps a one-type event as before: price and totalTickets make the type "general", { quantity } joins it', async () => {
    const created = Event.parse((await seller.post('/api/events', eventBody({ price: 1500, totalTickets: 4 }))).body);
    expect(created.ticketTypes).to.deep.equal([
      {
        id: 'general',
        name: 'General admission',
        description: '',
        price: 1500,
        capacity: 4,
        maxPerBuyer: 4,
        salesStartAt: null,
        salesEndAt: null,
        hidden: false,
      },
    ]);
    const joined = Entry.parse((await (await buyer('legacy')).post(`/api/events/${created.id}/queue`, { quantity: 2 })).body);
    expect(joined).to.deep.include({ status: 'offered', items: [{ typeId: 'general', quantity: 2 }], amount: 3000 });
    const edited = Event.parse((await seller.patch(`/api/events/${created.id}`, { totalTickets: 6, price: 1800 })).body);
    expect(edited.ticketTypes[0]).to.include({ capacity: 6, price: 1800 });
  });

  it('manages codes (owner only), checks them, and refuses one that does not work with 422 code_invalid', async () => {
    const access = await seller.post(`/api/events/${event.id}/codes`, { code: 'crew-2030', kind: 'access', typeIds: ['crew'], maxUses: 1 });
    expect(access.status, JSON.stringify(access.body)).to.equal(201);
    expect(Code.parse(access.body)).to.include({ code: 'CREW-2030', kind: 'access', used: 0, held: 0, maxUses: 1 });
    const discount = Code.parse(
      (await seller.post(`/api/events/${event.id}/codes`, { code: 'HALF', kind: 'discount', typeIds: ['balcony'], percentOff: 50, maxUses: 1 })).body,
    );
    expect(
      (await seller.post(`/api/events/${event.id}/codes`, { code: 'half', kind: 'discount', amountOff: 100 })).status,
      'unique, case-insensitive',
    ).to.equal(409);
    expect((await seller.post(`/api/events/${event.id}/codes`, { code: 'BOTH', kind: 'discount', amountOff: 100, percentOff: 5 })).status).to.equal(400);
    const other = await buyer('nosy');
    expect((await other.get(`/api/events/${event.id}/codes`)).status).to.equal(403);

    const checked = CheckCodeResponse.parse((await other.post(`/api/events/${event.id}/codes/check`, { code: 'crew-2030' })).body);
    expect(checked.unlocks!.map((t) => t.id)).to.deep.equal(['crew']);
    expect((await other.post(`/api/events/${event.id}/codes/check`, { code: 'half' })).body).to.deep.include({
      kind: 'discount',
      discount: { percentOff: 50, typeIds: ['balcony'] },
    });
    const unknown = await other.post(`/api/events/${event.id}/codes/check`, { code: 'NOPE' });
    expect(unknown.status).to.equal(422);
    expect(unknown.body.error.code).to.equal('code_invalid');

    const patched = await seller.patch(`/api/events/${event.id}/codes/${discount.id}`, { maxUses: 2 });
    expect(Code.parse(patched.body)).to.include({ maxUses: 2 });
    const temp = Code.parse((await seller.post(`/api/events/${event.id}/codes`, { code: 'TEMP', kind: 'discount', amountOff: 100 })).body);
    expect((await seller.delete(`/api/events/${event.id}/codes/${temp.id}`)).status).to.equal(204);
    const list = (await seller.get(`/api/events/${event.id}/codes`)).body.items.map((c: Code) => c.code);
    expect(list).to.deep.equal(['CREW-2030', 'HALF']);
  });

  it('sells a presale and a discounted order at the prices the types and codes say; tickets record them', async () => {
    const crew = await buyer('crew member');
    const hiddenWithout = await crew.post(`/api/events/${event.id}/queue`, { items: [{ typeId: 'crew', quantity: 1 }] });
    expect(hiddenWithout.status, 'a hidden type without its code does not exist').to.equal(400);
    const joined = await crew.post(`/api/events/${event.id}/queue`, {
      items: [
        { typeId: 'crew', quantity: 2 },
        { typeId: 'balcony', quantity: 1 },
      ],
      accessCode: 'Crew-2030',
      discountCode: 'half',
    });
    expect(joined.status, JSON.stringify(joined.body)).to.equal(201);
    const entry = Entry.parse(joined.body);
    expect(entry).to.deep.include({ status: 'offered', discountCode: 'HALF', amount: 2 * 1000 + 1000 });
    expect(entry.offeredItems).to.deep.equal([
      { typeId: 'crew', quantity: 2, unitPrice: 1000, discountPerTicket: 0 },
      { typeId: 'balcony', quantity: 1, unitPrice: 2000, discountPerTicket: 1000 },
    ]);
    const second = await (
      await buyer('late crew')
    ).post(`/api/events/${event.id}/queue`, { items: [{ typeId: 'crew', quantity: 1 }], accessCode: 'CREW-2030' });
    expect(second.status, 'the access code is used up (held by the first)').to.equal(422);

    const tickets = await payOffer(crew, event.id);
    expect(tickets.map((t: { typeId: string; amount: number; discountCode?: string }) => [t.typeId, t.amount, t.discountCode ?? null])).to.have.deep.members([
      ['crew', 1000, null],
      ['crew', 1000, null],
      ['balcony', 1000, 'HALF'],
    ]);
    const codes = (await seller.get(`/api/events/${event.id}/codes`)).body.items as Code[];
    expect(codes.map((c) => [c.code, c.used, c.held])).to.deep.equal([
      ['CREW-2030', 1, 0],
      ['HALF', 1, 0],
    ]);
  });

  it('tells waiting buyers a type sold out; they change their request and keep their place', async () => {
    const first = await buyer('floor fan 1');
    const second = await buyer('floor fan 2');
    expect((await first.post(`/api/events/${event.id}/queue`, { items: [{ typeId: 'floor', quantity: 2 }] })).body.status).to.equal('offered');
    const waiting = Entry.parse((await second.post(`/api/events/${event.id}/queue`, { items: [{ typeId: 'floor', quantity: 1 }] })).body);
    expect(waiting.status).to.equal('waiting');
    await payOffer(first, event.id);
    const told = Entry.parse((await second.get(`/api/events/${event.id}/queue/me`)).body);
    expect(told).to.deep.include({ status: 'waiting', unavailableTypeIds: ['floor'], soldOut: true });
    const changed = await second.patch(`/api/events/${event.id}/queue/me`, { items: [{ typeId: 'balcony', quantity: 2 }] });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect(Entry.parse(changed.body)).to.deep.include({ id: waiting.id, status: 'offered', items: [{ typeId: 'balcony', quantity: 2 }], amount: 4000 });
  });

  it("breaks the seller's sales down by type and code, and exports orders as CSV", async () => {
    const report = SalesReport.parse((await seller.get(`/api/seller/events/${event.id}/sales`)).body);
    const byType = Object.fromEntries(report.byType!.map((t) => [t.typeId, [t.sold, t.gross]]));
    expect(byType).to.deep.equal({ floor: [2, 6000], balcony: [1, 1000], crew: [2, 2000] });
    expect(report.byCode!.map((c) => [c.code, c.sold, c.gross, c.discount])).to.deep.equal([
      ['CREW-2030', 3, 3000, 0],
      ['HALF', 1, 1000, 1000],
    ]);
    const csv = await seller.request('GET', `/api/seller/events/${event.id}/orders.csv`);
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).to.match(/^order_id,ticket_id,buyer_id,buyer_name,ticket_type_id,ticket_type,amount,discount,discount_code/);
    expect(lines).to.have.length(1 + 5);
    expect(lines.filter((l) => l.includes(',balcony,Balcony,1000,1000,HALF,'))).to.have.length(1);
    expect((await (await buyer('csv nosy')).request('GET', `/api/seller/events/${event.id}/orders.csv`)).status).to.equal(403);
  });
});
