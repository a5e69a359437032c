import type { CreateEventRequest, Event, PowMode, UpdateEventRequest } from '@queuetix/contracts';
import { fromLocalInput, toLocalInput, toMajor, toMinor } from './format';

/** The event form as the seller types it (strings for inputs, minutes, major currency units). */
export interface EventForm {
  name: string;
  description: string;
  location: string;
  eventDate: string;
  /** A string as typed, or a number (v-model casts type=number inputs). */
  price: string | number;
  currency: string;
  totalTickets: number | '';
  salesStartAt: string;
  maxPerBuyer: number | '';
  offerWindowMin: number | '';
  allowedOrigins: string;
  powMode: PowMode;
}

export function emptyForm(): EventForm {
  return {
    name: '',
    description: '',
    location: '',
    eventDate: '',
    price: '',
    currency: 'usd',
    totalTickets: 100,
    salesStartAt: '',
    maxPerBuyer: 4,
    offerWindowMin: 10,
    allowedOrigins: '',
    powMode: 'off',
  };
}

export function formFromEvent(e: Event): EventForm {
  return {
    name: e.name,
    description: e.description,
    location: e.location,
    eventDate: toLocalInput(e.eventDate),
    price: toMajor(e.price, e.currency),
    currency: e.currency,
    totalTickets: e.totalTickets,
    salesStartAt: toLocalInput(e.salesStartAt),
    maxPerBuyer: e.maxPerBuyer,
    offerWindowMin: Math.round(e.offerWindowSec / 60),
    allowedOrigins: e.allowedOrigins.join('\n'),
    powMode: e.powMode ?? 'off',
  };
}

/** Form → the API's request body (still unvalidated: the shared zod schema decides). */
export function requestFromForm(f: EventForm): CreateEventRequest {
  const num = (v: number | '') => (v === '' ? Number.NaN : Number(v));
  return {
    name: f.name,
    description: f.description,
    location: f.location,
    eventDate: fromLocalInput(f.eventDate),
    price: String(f.price).trim() === '' ? 0 : toMinor(f.price, f.currency),
    currency: f.currency,
    totalTickets: num(f.totalTickets),
    salesStartAt: fromLocalInput(f.salesStartAt) || null,
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
export function changesFrom(original: Event, next: CreateEventRequest): UpdateEventRequest {
  const out: Record<string, unknown> = {};
  const before = requestFromForm(formFromEvent(original));
  for (const key of Object.keys(next) as (keyof CreateEventRequest)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) out[key] = next[key];
  }
  return out;
}

/** Server and schema field names → the form control that shows their error. */
export function formKey(field: string): string {
  return field === 'offerWindowSec' ? 'offerWindowMin' : field;
}
