import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { SalesReport, SellerBuyerList, SellerEventList } from '@queuetix/contracts/seller';
import { Api } from '../support/api.js';
import { sharedBackend, type Backend } from '../support/backend.js';
import { createEvent, eventually, inDays } from '../support/fixtures.js';
import { buy } from '../tickets/support/buy.js';

describe('seller: my events, sales and buyers', () => {
  let backend: Backend;
  let anon: Api;
  let seller: Api;
  let event: { id: string };
  let quiet: { id: string };
  let alice: Api;
  let bob: Api;
  let aliceTickets: { id: string; code: string }[];
  before(async () => {
    backend = await sharedBackend();
    anon = new Api(backend.url);
    seller = (await anon.signIn('Dashboard Seller', 'seller')).api;
    event = await createEvent(seller, { name: 'Dashboard Gig', price: 1001, totalTickets: 10, eventDate: inDays(20) });
    quiet = await createEvent(seller, { name: 'Quiet Gig', eventDate: inDays(40) });
    alice = (await anon.signIn('Alice Buyer')).api;
    bob = (await anon.signIn('Bob Buyer')).api;
    aliceTickets = await buy(alice, event.id, 3);
    await buy(bob, event.id, 1);
    // Carol holds an offer (held) and Dan waits behind her (waiting).
    const carol = (await anon.signIn('Carol Holder')).api;
    const dan = (await anon.signIn('Dan Waiter')).api;
    expect((await carol.post(`/api/events/${event.id}/queue`, { quantity: 4 })).body.status).to.equal('offered');
    expect((await dan.post(`/api/events/${event.id}/queue`, { quantity: 4 })).body.status).to.equal('waiting');
  });

  it('lists only my events, by date, with sold / held / free / waiting and gross / fee / net from amounts paid', async () => {
    const other = (await anon.signIn('Not Mine Seller', 'seller')).api;
    await createEvent(other, { name: 'Somebody else' });
    const res = await seller.get('/api/seller/events');
    expect(res.status).to.equal(200);
    const list = SellerEventList.parse(res.body);
    expect(list.items.map((e) => e.id)).to.deep.equal([event.id, quiet.id]);
    expect(list.total).to.equal(2);
    // Fees are rounded per payment: Math.round(3003 × 1%) + Math.round(1001 × 1%) = 30 + 10.
    expect(list.items[0]).to.include({ sold: 4, held: 4, free: 2, waiting: 1, gross: 4004, fee: 40, net: 3964 });
    expect(list.items[1]).to.include({ sold: 0, held: 0, free: 10, waiting: 0, gross: 0, fee: 0, net: 0 });
  });

  it("reports an event's sales: gross, fee, net, sold, refunded and sold over time, with each ticket's buyer", async () => {
    const res = await seller.get(`/api/seller/events/${event.id}/sales`);
    expect(res.status).to.equal(200);
    const report = SalesReport.parse(res.body);
    expect(report).to.include({ gross: 4004, fee: 40, net: 3964, sold: 4, refunded: 0 });
    expect(report.timeline.at(-1)!.sold).to.equal(4);
    const counts = report.timeline.map((p) => p.sold);
    expect(counts).to.deep.equal([...counts].sort((a, b) => a - b));
    for (const point of report.timeline) expect(new Date(point.at).getUTCSeconds()).to.equal(0);
    expect(report.buyers!.map((b) => b.buyerName).sort()).to.deep.equal(['Alice Buyer', 'Alice Buyer', 'Alice Buyer', 'Bob Buyer']);
    expect(report.buyers!.reduce((sum, b) => sum + b.amount, 0)).to.equal(4004);
  });

  it('lists buyers one line each, with quantity, amount and the status their tickets share', async () => {
    expect((await seller.post(`/api/events/${event.id}/check-in`, { code: aliceTickets[0]!.code })).body.result).to.equal('admitted');
    const res = await seller.get(`/api/seller/events/${event.id}/buyers`);
    expect(res.status).to.equal(200);
    const list = SellerBuyerList.parse(res.body);
    expect(list.total).to.equal(2);
    const byName = Object.fromEntries(list.items.map((b) => [b.buyerName, b]));
    expect(byName['Alice Buyer']).to.deep.include({
      quantity: 3,
      amount: 3003,
      refunded: 0,
      currency: 'usd',
      status: 'mixed',
      tickets: { valid: 2, used: 1, refunded: 0 },
    });
    expect(byName['Bob Buyer']).to.deep.include({ quantity: 1, amount: 1001, status: 'valid' });
    const paged = SellerBuyerList.parse((await seller.get(`/api/seller/events/${event.id}/buyers?pageSize=1&page=2`)).body);
    expect(paged.items).to.have.length(1);
    expect(paged.items[0]!.buyerId).to.equal(list.items[1]!.buyerId);
  });

  it("shows only the owner an event's sales and buyers: 403 for others, 401 anonymous, 404 unknown", async () => {
    const other = (await anon.signIn('Snooping Seller', 'seller')).api;
    for (const path of [`/api/seller/events/${event.id}/sales`, `/api/seller/events/${event.id}/buyers`]) {
      expect((await other.get(path)).status, path).to.equal(403);
      expect((await alice.get(path)).status, path).to.equal(403);
      expect((await anon.get(path)).status, path).to.equal(401);
    }
    expect((await seller.get('/api/seller/events/ev_unknown/sales')).status).to.equal(404);
    expect((await seller.get('/api/seller/events/ev_unknown/buyers')).status).to.equal(404);
    expect((await alice.get('/api/seller/events')).status).to.equal(403);
    expect((await anon.get('/api/seller/events')).status).to.equal(401);
  });

  it('refuses bad queries with 400', async () => {
    for (const path of [
      '/api/seller/events?page=0',
      '/api/seller/events?x=1',
      `/api/seller/events/${event.id}/buyers?pageSize=0`,
      '/api/seller/events/bad%20id/sales',
    ]) {
      const res = await seller.get(path);
      expect(res.status, path).to.equal(400);
      expect(res.body.error.code, path).to.equal('invalid_request');
    }
  });

  it('names each buyer as they bought, from their tickets; a ticket stored before names were kept is named from the users collection', async () => {
    const gig = await createEvent(seller, { name: 'Names Gig', price: 500, totalTickets: 10, eventDate: inDays(25) });
    const erin = await anon.signIn('Erin Early');
    const fred = await anon.signIn('Fred Legacy');
    await buy(erin.api, gig.id, 2);
    await buy(fred.api, gig.id, 1);
    const client = await new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!).connect();
    try {
      const tickets = client.db(backend.dbName).collection('tickets');
      const stored = await tickets.find({ eventId: gig.id }, { projection: { userId: 1, buyerName: 1 } }).toArray();
      expect(stored.map((t) => t.buyerName).sort()).to.deep.equal(['Erin Early', 'Erin Early', 'Fred Legacy']);
      // Fred's ticket as one stored before names were kept.
      await tickets.updateOne({ eventId: gig.id, userId: fred.user.id }, { $unset: { buyerName: '' } });
    } finally {
      await client.close();
    }
    // Erin changes her name after buying: her order keeps the name she bought under.
    await anon.signIn('Erin Renamed', 'buyer', erin.user.id);

    const report = SalesReport.parse((await seller.get(`/api/seller/events/${gig.id}/sales`)).body);
    expect(report.buyers!.map((b) => b.buyerName).sort()).to.deep.equal(['Erin Early', 'Erin Early', 'Fred Legacy']);
    const buyers = SellerBuyerList.parse((await seller.get(`/api/seller/events/${gig.id}/buyers`)).body);
    expect(buyers.items.map((b) => b.buyerName).sort()).to.deep.equal(['Erin Early', 'Fred Legacy']);
    const csv = (await seller.get<string>(`/api/seller/events/${gig.id}/orders.csv`)).body;
    expect(csv.split('\r\n').filter((line) => line.includes('Erin Early'))).to.have.length(2);
    expect(csv).to.include('Fred Legacy');
  });

  it('moves every refunded ticket, the checked-in one too, out of gross and fee once the event is cancelled', async () => {
    expect((await seller.post(`/api/events/${event.id}/cancel`, {})).status).to.be.oneOf([200, 202]);
    const report = await eventually(
      async () => {
        const r = SalesReport.parse((await seller.get(`/api/seller/events/${event.id}/sales`)).body);
        return r.refunded === 4 ? r : undefined; // the ticket already checked in is refunded too
      },
      15_000,
      'refunds',
    );
    expect(report).to.include({ sold: 0, refunded: 4, gross: 0, fee: 0 });
    expect(report.cancellation).to.include({ tickets: 0, amount: 0 });
    // The timeline counts what is sold now: the refunds bring it back down to `sold` (docs/domain.md, Sellers).
    expect(report.timeline.at(-1)!.sold).to.equal(0);
    const listed = SellerEventList.parse((await seller.get('/api/seller/events')).body).items.find((e) => e.id === event.id)!;
    expect(listed.isCancelled).to.equal(true);
    expect(listed).to.include({ sold: report.sold, refunded: report.refunded, gross: report.gross, fee: report.fee, net: report.net });
  });
});
