import type { Event, EventFields, PowMode, UpdateEventRequest } from '@queuetix/contracts';
import { browserTimeZone, fromLocalInput, toLocalInput, toMajor, toMinor } from './format';
import { isSimple, typeFormFrom, typeInputFrom, type TypeForm } from './ticketTypesForm';

/** The event form as the seller types it (strings for inputs, minutes, major currency units). */
export interface EventForm {
  name: string;
  description: string;
  location: string;
  /** Wall time at the venue (datetime-local), in `timeZone`. */
  eventDate: string;
  /** The venue's IANA zone; the browser's by default. Both date inputs are read in it. */
  timeZone: string;
  /** A string as typed, or a number (v-model casts type=number inputs). Required unless `free`. */
  price: string | number;
  /** The seller said "free" out loud: a blank price never makes an event free by accident. */
  free: boolean;
  currency: string;
  totalTickets: number | '';
  salesStartAt: string;
  maxPerBuyer: number | '';
  offerWindowMin: number | '';
  allowedOrigins: string;
  powMode: PowMode;
  /** Empty: one ticket type, priced by `price` with `totalTickets` of them. Else the event's types, in order. */
  types: TypeForm[];
  /** The overall venue limit shared by the types; blank for none (only with `types`). */
  capacity: number | '';
}

export function emptyForm(): EventForm {
  return {
    name: '',
    description: '',
    location: '',
    eventDate: '',
    timeZone: browserTimeZone(),
    price: '',
    free: false,
    currency: 'usd',
    totalTickets: 100,
    salesStartAt: '',
    maxPerBuyer: 4,
    offerWindowMin: 10,
    allowedOrigins: '',
    powMode: 'off',
    types: [],
    capacity: '',
  };
}

export function formFromEvent(e: Event): EventForm {
  return {
    name: e.name,
    description: e.description,
    location: e.location,
    eventDate: toLocalInput(e.eventDate, e.timeZone ?? browserTimeZone()),
    timeZone: e.timeZone ?? browserTimeZone(),
    price: e.price === 0 ? '' : toMajor(e.price, e.currency),
    free: e.price === 0,
    currency: e.currency,
    totalTickets: e.totalTickets,
    salesStartAt: toLocalInput(e.salesStartAt, e.timeZone ?? browserTimeZone()),
    maxPerBuyer: e.maxPerBuyer,
    offerWindowMin: Math.round(e.offerWindowSec / 60),
    allowedOrigins: e.allowedOrigins.join('\n'),
    powMode: e.powMode ?? 'off',
    types: !e.ticketTypes || isSimple(e) ? [] : e.ticketTypes.map((t) => typeFormFrom(t, e.currency, e.timeZone ?? browserTimeZone(), e.maxPerBuyer)),
    capacity: e.capacity ?? '',
  };
}

/**
 * What the shared schema cannot know about the price field: blank or 0 is a mistake unless the
 * seller ticked "free".
 */
export function priceProblem(f: EventForm): string | undefined {
  if (f.free || f.types.length) return undefined;
  const typed = String(f.price).trim();
  if (typed === '') return 'Enter a price per ticket, or tick “Free event”.';
  if (Number(typed.replace(',', '.')) === 0) return 'A price of 0 makes the event free: tick “Free event” to confirm.';
  return undefined;
}

/** Form → the API's request body (still unvalidated: the shared zod schema decides). */
export function requestFromForm(f: EventForm): EventFields {
  const num = (v: number | '') => (v === '' ? Number.NaN : Number(v));
  const tickets = f.types.length
    ? { ticketTypes: f.types.map((t) => typeInputFrom(t, f.currency, f.timeZone)), capacity: f.capacity === '' ? null : Number(f.capacity) }
    : { price: f.free ? 0 : toMinor(String(f.price).trim() === '' ? Number.NaN : f.price, f.currency), totalTickets: num(f.totalTickets) };
  return {
    name: f.name,
    description: f.description,
    location: f.location,
    eventDate: fromLocalInput(f.eventDate, f.timeZone),
    timeZone: f.timeZone,
    ...tickets,
    currency: f.currency,
    salesStartAt: fromLocalInput(f.salesStartAt, f.timeZone) || null,
    maxPerBuyer: num(f.maxPerBuyer),
    offerWindowSec: num(f.offerWindowMin) * 60,
    allowedOrigins: f.allowedOrigins
      .split(/[\s,]+/)
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
    powMode: f.powMode,
  };
}

/** Only what changed, so an edit never touches fields the seller left alone. */
export function changesFrom(original: Event, next: EventFields): UpdateEventRequest {
  const out: Record<string, unknown> = {};
  const before = requestFromForm(formFromEvent(original));
  for (const key of Object.keys(next) as (keyof EventFields)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) out[key] = next[key];
  }
  return out;
}

/** Server and schema field names → the form control that shows their error. */
export function formKey(field: string): string {
  return field === 'offerWindowSec' ? 'offerWindowMin' : field;
}
