import { expect } from 'chai';
import { SalesReport, SellerEventList } from '@queuetix/contracts/seller';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventually, inDays } from '../support/fixtures.js';
import { buy } from '../tickets/support/buy.js';

/** docs/domain.md, Sellers: sold, refunded, gross, fee and net mean the same on the dashboard and the sales page. */
describe('seller: one definition of sold / refunded / gross / fee / net', () => {
  let seller: Api;
  let event: { id: string };

  const figures = async () => {
    const list = SellerEventList.parse((await seller.get('/api/seller/events')).body);
    const row = list.items.find((e) => e.id === event.id)!;
    const report = SalesReport.parse((await seller.get(`/api/seller/events/${event.id}/sales`)).body);
    const pick = (f: { sold: number; refunded?: number; gross: number; fee: number; net: number }) => ({
      sold: f.sold,
      refunded: f.refunded,
      gross: f.gross,
      fee: f.fee,
      net: f.net,
    });
    return { row: pick(row), report: pick(report), timeline: report.timeline };
  };

  before(async () => {
    const anon = new Api((await sharedBackend()).url);
    seller = (await anon.signIn('Figures Seller', 'seller')).api;
    event = await createEvent(seller, { name: 'Figures Gig', price: 2000, totalTickets: 10, eventDate: inDays(15) });
    const alice = (await anon.signIn('Figures Alice')).api;
    const bob = (await anon.signIn('Figures Bob')).api;
    const aliceTickets = await buy(alice, event.id, 2);
    await buy(bob, event.id, 1);
    expect((await seller.post(`/api/events/${event.id}/check-in`, { code: aliceTickets[0]!.code })).body.result).to.equal('admitted');
  });

  it('agrees between the event list and the sales report while on sale, checked-in tickets counting as sold', async () => {
    const { row, report, timeline } = await figures();
    // Fees are rounded per payment: Math.round(4000 × 1%) + Math.round(2000 × 1%) = 40 + 20.
    const expected = { sold: 3, refunded: 0, gross: 6000, fee: 60, net: 5940 };
    expect(row).to.deep.equal(expected);
    expect(report).to.deep.equal(expected);
    expect(timeline.at(-1)!.sold).to.equal(3);
  });

  it('agrees after a cancellation: everything refunded, nothing sold, and the timeline ends at sold without ever exceeding it', async () => {
    const first = await seller.post(`/api/events/${event.id}/cancel`);
    expect(first.status).to.be.oneOf([200, 202]);
    await eventually(async () => ((await seller.post(`/api/events/${event.id}/cancel`)).body.status === 'cancelled' ? true : undefined), 10_000, 'cancelled');
    const { row, report, timeline } = await figures();
    const expected = { sold: 0, refunded: 3, gross: 0, fee: 0, net: 0 };
    expect(row).to.deep.equal(expected);
    expect(report).to.deep.equal(expected);
    expect(timeline.at(-1)!.sold).to.equal(report.sold);
    for (const point of timeline) expect(point.sold).to.be.within(0, 3);
    const times = timeline.map((p) => p.at);
    expect(times).to.deep.equal([...times].sort());
  });
});
