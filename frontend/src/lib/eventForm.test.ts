import { describe, expect, it } from 'vitest';
import { changesFrom, emptyForm, formFromEvent, formKey, requestFromForm } from './eventForm';

type Event = Parameters<typeof formFromEvent>[0];

const event: Event = {
  id: 'evt_1',
  ownerId: 'seller_1',
  name: 'Jazz night',
  description: 'Late set',
  location: 'Blue Room',
  eventDate: '2026-05-01T23:30:00.000Z',
  timeZone: 'America/New_York',
  price: 2550,
  currency: 'usd',
  totalTickets: 200,
  ticketTypes: [
    {
      id: 'general',
      name: 'General admission',
      description: '',
      price: 2550,
      capacity: 200,
      maxPerBuyer: 4,
      salesStartAt: null,
      salesEndAt: null,
      hidden: false,
    },
  ],
  capacity: null,
  salesStartAt: '2026-04-01T14:00:00.000Z',
  maxPerBuyer: 4,
  offerWindowSec: 600,
  imageUrl: null,
  isCancelled: false,
  status: 'published',
  createdAt: '2026-03-01T10:00:00.000Z',
  allowedOrigins: ['https://club.example', 'https://tickets.example'],
  drawCommitment: null,
  powMode: 'auto',
  availability: { total: 200, sold: 0, held: 0, free: 200, waiting: 0, soldOut: false, salesOpen: false, types: [] },
};

describe('the event form', () => {
  it('starts with the defaults a new event needs', () => {
    expect(emptyForm()).toMatchObject({ currency: 'usd', totalTickets: 100, maxPerBuyer: 4, offerWindowMin: 10, price: '' });
  });

  it('shows an event in the units a seller types: local times, major currency units, minutes, one origin per line', () => {
    expect(formFromEvent(event)).toEqual({
      name: 'Jazz night',
      description: 'Late set',
      location: 'Blue Room',
      eventDate: '2026-05-01T19:30',
      timeZone: 'America/New_York',
      price: '25.50',
      free: false,
      currency: 'usd',
      totalTickets: 200,
      salesStartAt: '2026-04-01T10:00',
      maxPerBuyer: 4,
      offerWindowMin: 10,
      allowedOrigins: 'https://club.example\nhttps://tickets.example',
      powMode: 'auto',
      types: [],
      capacity: '',
    });
  });

  it('gives back the same event fields it was filled from', () => {
    const {
      name,
      description,
      location,
      eventDate,
      timeZone,
      price,
      currency,
      totalTickets,
      salesStartAt,
      maxPerBuyer,
      offerWindowSec,
      allowedOrigins,
      powMode,
    } = event;
    expect(requestFromForm(formFromEvent(event))).toEqual({
      name,
      description,
      location,
      eventDate,
      timeZone,
      price,
      currency,
      totalTickets,
      salesStartAt,
      maxPerBuyer,
      offerWindowSec,
      allowedOrigins,
      powMode,
    });
  });

  it('shows both dates as wall time at the venue, whatever the browser zone', () => {
    const form = formFromEvent({ ...event, timeZone: 'Europe/Berlin' });
    expect(form).toMatchObject({ eventDate: '2026-05-02T01:30', salesStartAt: '2026-04-01T16:00', timeZone: 'Europe/Berlin' });
    expect(requestFromForm(form)).toMatchObject({ eventDate: event.eventDate, salesStartAt: event.salesStartAt });
  });

  it('leaves a blank price unset unless the event is ticked free', () => {
    expect(requestFromForm(emptyForm()).price).toBeNaN();
  });

  it('reads a ticked free event as price 0, minutes as seconds, and origins split by spaces, commas or lines without their trailing slash', () => {
    const request = requestFromForm({
      ...emptyForm(),
      free: true,
      offerWindowMin: 15,
      allowedOrigins: 'https://a.example/, https://b.example\n\n https://c.example',
    });
    expect(request.price).toBe(0);
    expect(request.offerWindowSec).toBe(900);
    expect(request.salesStartAt).toBeNull();
    expect(request.allowedOrigins).toEqual(['https://a.example', 'https://b.example', 'https://c.example']);
  });

  it('leaves emptied number fields as NaN, for the shared schema to reject by name', () => {
    const request = requestFromForm({ ...emptyForm(), totalTickets: '', maxPerBuyer: '', offerWindowMin: '' });
    expect(request.totalTickets).toBeNaN();
    expect(request.maxPerBuyer).toBeNaN();
    expect(request.offerWindowSec).toBeNaN();
  });
});

describe('changesFrom (an edit sends only what changed)', () => {
  it('sends nothing when nothing changed', () => {
    expect(changesFrom(event, requestFromForm(formFromEvent(event)))).toEqual({});
  });

  it('sends exactly the fields the seller changed', () => {
    const form = { ...formFromEvent(event), name: 'Jazz night (late show)', price: '30', allowedOrigins: 'https://club.example' };
    expect(changesFrom(event, requestFromForm(form))).toEqual({ name: 'Jazz night (late show)', price: 3000, allowedOrigins: ['https://club.example'] });
  });
});

describe('ticket types in the form', () => {
  const vip = { ...event.ticketTypes[0]!, id: 'vip', name: 'VIP', price: 9000, capacity: 20, maxPerBuyer: 2, hidden: true };
  const typed = { ...event, ticketTypes: [event.ticketTypes[0]!, vip], capacity: 210, totalTickets: 210 };

  it('opens an event of several types in the types editor, with their own limits and the venue limit', () => {
    const form = formFromEvent(typed);
    expect(form.types.map((t) => [t.id, t.name, t.price, t.capacity, t.maxPerBuyer, t.hidden])).toEqual([
      ['general', 'General admission', '25.50', 200, '', false],
      ['vip', 'VIP', '90.00', 20, 2, true],
    ]);
    expect(form.capacity).toBe(210);
  });

  it('sends the types (ids kept) and the venue limit instead of a price and a total', () => {
    const request = requestFromForm(formFromEvent(typed));
    expect(request).not.toHaveProperty('price');
    expect(request).not.toHaveProperty('totalTickets');
    expect(request.capacity).toBe(210);
    expect(request.ticketTypes).toEqual([
      { id: 'general', name: 'General admission', description: '', price: 2550, capacity: 200, salesStartAt: null, salesEndAt: null, hidden: false },
      { id: 'vip', name: 'VIP', description: '', price: 9000, capacity: 20, maxPerBuyer: 2, salesStartAt: null, salesEndAt: null, hidden: true },
    ]);
  });

  it('edits only the types when only a type changed', () => {
    const form = formFromEvent(typed);
    form.types[1]!.capacity = 30;
    const changes = changesFrom(typed, requestFromForm(form));
    expect(Object.keys(changes)).toEqual(['ticketTypes']);
  });

  it('reads a type window in the venue zone and a blank price as missing', () => {
    const form = formFromEvent(typed);
    form.types[1]!.salesEndAt = '2026-04-20T18:00';
    form.types[1]!.price = '';
    const [, second] = requestFromForm(form).ticketTypes!;
    expect(second!.salesEndAt).toBe('2026-04-20T22:00:00.000Z');
    expect(second!.price).toBeNaN();
  });
});

describe('formKey', () => {
  it('shows the server error for offerWindowSec on the minutes field the seller sees', () => {
    expect(formKey('offerWindowSec')).toBe('offerWindowMin');
    expect(formKey('name')).toBe('name');
  });
});
