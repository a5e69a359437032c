import { expect } from 'chai';
import { salesFigures } from '../../backend/src/seller/sales-figures.js';
import { namesOnTickets } from '../../backend/src/seller/sales-report.js';
import type { TicketDoc } from '../../backend/src/tickets/ticket-doc.js';

const at = (hhmmss: string) => new Date(`2026-05-01T${hhmmss}Z`);
let seq = 0;
const ticket = (status: TicketDoc['status'], purchasedAt: Date, refundedAt?: Date): TicketDoc => ({
  _id: `t${++seq}`,
  eventId: 'e1',
  userId: 'u1',
  paymentId: `p${seq}`,
  seq: 0,
  code: `c${seq}`,
  amount: 1000,
  fee: 10,
  currency: 'usd',
  status,
  purchasedAt,
  ...(refundedAt ? { refundedAt } : {}),
});

describe('seller: salesFigures (docs/domain.md, Sellers)', () => {
  it('counts valid and used tickets as sold, refunded ones only as refunded, and lowers the timeline at each refund', () => {
    const figures = salesFigures([ticket('valid', at('10:00:05')), ticket('used', at('10:00:40')), ticket('refunded', at('10:02:10'), at('10:05:30'))]);
    expect(figures).to.deep.include({ sold: 2, refunded: 1, gross: 2000, fee: 20, net: 1980 });
    expect(figures.timeline).to.deep.equal([
      { at: '2026-05-01T10:00:00.000Z', sold: 2 },
      { at: '2026-05-01T10:02:00.000Z', sold: 3 },
      { at: '2026-05-01T10:05:00.000Z', sold: 2 },
    ]);
  });

  it('ends the timeline at sold when everything is refunded, even a refund stored without its time', () => {
    const figures = salesFigures([ticket('refunded', at('09:00:00'), at('09:30:00')), ticket('refunded', at('09:10:00'))]);
    expect(figures).to.deep.include({ sold: 0, refunded: 2, gross: 0, fee: 0, net: 0 });
    expect(figures.timeline.at(-1)!.sold).to.equal(0);
    for (const point of figures.timeline) expect(point.sold).to.be.within(0, 2);
  });

  it('has no figures and no timeline before the first sale', () => {
    expect(salesFigures([])).to.deep.equal({ sold: 0, refunded: 0, gross: 0, fee: 0, net: 0, timeline: [] });
  });
});

describe('seller: buyers named from their tickets (docs/domain.md, Sellers)', () => {
  it("names each buyer as their latest order that kept a name, whatever the tickets' order; leaves out buyers none named", () => {
    const named = (userId: string, purchasedAt: Date, buyerName?: string): TicketDoc => ({
      ...ticket('valid', purchasedAt),
      userId,
      ...(buyerName ? { buyerName } : {}),
    });
    const names = namesOnTickets([
      named('u1', at('10:05:00'), 'Erin Renamed'),
      named('u1', at('10:00:00'), 'Erin Early'),
      named('u1', at('10:09:00')),
      named('u2', at('10:01:00')),
      named('u3', at('10:02:00'), 'Gia'),
    ]);
    expect([...names].sort()).to.deep.equal([
      ['u1', 'Erin Renamed'],
      ['u3', 'Gia'],
    ]);
  });
});
