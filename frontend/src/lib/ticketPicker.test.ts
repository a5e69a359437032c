import { describe, expect, it } from 'vitest';
import type { CheckCodeResponse, TicketType, TypeAvailability } from '@queuetix/contracts';
import {
  clampSelection,
  codeSummary,
  describeItems,
  discountApplies,
  itemsOf,
  maxFor,
  orderLines,
  pickerTypes,
  selectionOf,
  soldOutAsked,
  typeState,
} from './ticketPicker';

const type = (id: string, over: Partial<TicketType> = {}): TicketType => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  description: '',
  price: 2000,
  capacity: 100,
  maxPerBuyer: 4,
  salesStartAt: null,
  salesEndAt: null,
  hidden: false,
  ...over,
});
const figures = (typeId: string, over: Partial<TypeAvailability> = {}): TypeAvailability => ({
  typeId,
  total: 100,
  sold: 0,
  held: 0,
  free: 100,
  soldOut: false,
  onSale: true,
  ...over,
});
const now = Date.parse('2026-06-01T12:00:00Z');
const standing = type('standing');
const vip = type('vip', { price: 9000, maxPerBuyer: 2 });

describe('the ticket type picker', () => {
  it('says why a type cannot be chosen: sold out, not on sale yet, sales ended', () => {
    expect(typeState(standing, figures('standing'), now)).toBe('open');
    expect(typeState(standing, figures('standing', { soldOut: true }), now)).toBe('sold_out');
    expect(typeState(type('early', { salesEndAt: '2026-06-01T11:59:00Z' }), undefined, now)).toBe('ended');
    expect(typeState(type('late', { salesStartAt: '2026-06-02T00:00:00Z' }), undefined, now)).toBe('upcoming');
  });

  it('lets a type be waited for while its tickets are only held by offers (free 0, not sold out)', () => {
    expect(typeState(standing, figures('standing', { free: 0, held: 100 }), now)).toBe('open');
  });

  it("caps a type by its own maximum and by what the order's maximum leaves after the other types", () => {
    expect(maxFor(vip, 'open', {}, 6)).toBe(2);
    expect(maxFor(standing, 'open', { vip: 2 }, 6)).toBe(4);
    expect(maxFor(standing, 'open', { vip: 2 }, 5)).toBe(3);
    expect(maxFor(standing, 'open', { standing: 3, vip: 2 }, 5)).toBe(3);
    expect(maxFor(standing, 'sold_out', {}, 5)).toBe(0);
  });

  it('drops what is no longer allowed from a choice, keeping the seller order', () => {
    const types = [standing, vip];
    expect(clampSelection({ standing: 3, vip: 2 }, types, { standing: 'open', vip: 'sold_out' }, 4)).toEqual({ standing: 3 });
    expect(clampSelection({ standing: 4, vip: 2 }, types, { standing: 'open', vip: 'open' }, 5)).toEqual({ standing: 4, vip: 1 });
  });

  it('turns a choice into join items in the order of types, without zeros, and back', () => {
    const items = itemsOf({ vip: 1, standing: 2, gone: 0 }, [standing, vip]);
    expect(items).toEqual([
      { typeId: 'standing', quantity: 2 },
      { typeId: 'vip', quantity: 1 },
    ]);
    expect(selectionOf(items)).toEqual({ standing: 2, vip: 1 });
    expect(describeItems(items, [standing, vip])).toBe('2 × Standing, 1 × Vip');
  });

  it('adds the hidden types an access code unlocked after the public ones, once', () => {
    const members = type('members', { hidden: true });
    expect(pickerTypes({ ticketTypes: [standing, vip] }, [members, vip]).map((t) => t.id)).toEqual(['standing', 'vip', 'members']);
  });

  it("keeps hidden types out without their code, even in the owner's view of the event", () => {
    const members = type('members', { hidden: true });
    expect(pickerTypes({ ticketTypes: [members, standing] }).map((t) => t.id)).toEqual(['standing']);
    expect(pickerTypes({ ticketTypes: [members, standing] }, [members]).map((t) => t.id)).toEqual(['members', 'standing']);
  });

  it('prices an offer as the server did: unit prices, the discount per ticket, the total', () => {
    const priced = orderLines(
      [
        { typeId: 'standing', quantity: 2, unitPrice: 2000, discountPerTicket: 500 },
        { typeId: 'vip', quantity: 1, unitPrice: 9000, discountPerTicket: 0 },
      ],
      [standing, vip],
    );
    expect(priced.lines.map((l) => [l.name, l.total])).toEqual([
      ['Standing', 3000],
      ['Vip', 9000],
    ]);
    expect(priced.discount).toBe(1000);
    expect(priced.total).toBe(12000);
  });

  it('never counts a discount larger than the price', () => {
    expect(orderLines([{ typeId: 'standing', quantity: 1, unitPrice: 300, discountPerTicket: 500 }], [standing])).toMatchObject({ discount: 300, total: 0 });
  });

  it('names the types a waiting buyer asked for that sold out', () => {
    const items = [
      { typeId: 'standing', quantity: 2 },
      { typeId: 'vip', quantity: 1 },
    ];
    expect(soldOutAsked(items, [figures('standing'), figures('vip', { soldOut: true })])).toEqual(['vip']);
  });

  it('describes codes in words', () => {
    const percent: CheckCodeResponse = { code: 'SUMMER', kind: 'discount', discount: { percentOff: 20, typeIds: ['standing'] } };
    const amount: CheckCodeResponse = { code: 'FIVE', kind: 'discount', discount: { amountOff: 500, typeIds: [] } };
    const access: CheckCodeResponse = { code: 'FANS', kind: 'access', unlocks: [type('members', { name: 'Members', hidden: true })] };
    expect(codeSummary(percent, [standing, vip], 'usd')).toBe('20% off Standing');
    expect(codeSummary(amount, [standing, vip], 'usd')).toMatch(/^\$5\.00 off every ticket$/);
    expect(codeSummary(access, [standing], 'usd')).toBe('Unlocks Members');
    expect(discountApplies(percent, 'standing')).toBe(true);
    expect(discountApplies(percent, 'vip')).toBe(false);
    expect(discountApplies(amount, 'vip')).toBe(true);
    expect(discountApplies(access, 'vip')).toBe(false);
  });
});
