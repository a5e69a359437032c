import type { LocationQuery } from 'vue-router';
import type { EventSearch } from '@/api';
import { toMinor } from './format';

/** The search form as the URL keeps it: what the buyer typed (dates as YYYY-MM-DD, prices in major units). */
export interface SearchForm {
  q: string;
  from: string;
  to: string;
  /** Strings from the URL, numbers once v-model has cast a number input. */
  minPrice: string | number;
  maxPrice: string | number;
  /** The currency the price bounds are in: events priced in another currency are not compared. */
  currency: string;
  available: boolean;
}

export const DEFAULT_SEARCH_CURRENCY = 'usd';

export function emptySearchForm(): SearchForm {
  return { q: '', from: '', to: '', minPrice: '', maxPrice: '', currency: DEFAULT_SEARCH_CURRENCY, available: false };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A calendar day as the date input writes it, and a real one (no 2026-02-31). */
function day(v: unknown): string {
  const s = str(v);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return '';
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) ? s : '';
}

function price(v: unknown): string {
  const s = str(v).trim();
  return s !== '' && Number.isFinite(Number(s)) && Number(s) >= 0 && Number(s) <= 1_000_000 ? s : '';
}

/**
 * The URL → the form. A link is typed or edited by hand: whatever part of it is malformed or
 * contradicts itself (min above max, from after to) falls back to the default instead of an error.
 */
export function formFromQuery(query: LocationQuery): SearchForm {
  const form = emptySearchForm();
  form.q = str(query.q).slice(0, 200);
  form.from = day(query.from);
  form.to = day(query.to);
  if (form.from && form.to && form.from > form.to) form.from = form.to = '';
  form.minPrice = price(query.minPrice);
  form.maxPrice = price(query.maxPrice);
  if (form.minPrice !== '' && form.maxPrice !== '' && Number(form.minPrice) > Number(form.maxPrice)) form.minPrice = form.maxPrice = '';
  const currency = str(query.currency).toLowerCase();
  if (/^[a-z]{3}$/.test(currency)) form.currency = currency;
  form.available = query.available === 'true';
  return form;
}

const hasPrice = (form: SearchForm) => String(form.minPrice).trim() !== '' || String(form.maxPrice).trim() !== '';

/** What is wrong with the filters as typed, in words, per group (nothing when they are fine). */
export function searchProblems(form: SearchForm): { dates?: string; price?: string } {
  const out: { dates?: string; price?: string } = {};
  if (form.from && form.to && form.from > form.to) out.dates = 'The start date is after the end date.';
  const min = String(form.minPrice).trim();
  const max = String(form.maxPrice).trim();
  if ((min !== '' && !(Number(min) >= 0)) || (max !== '' && !(Number(max) >= 0))) out.price = 'Prices start at 0.';
  else if (min !== '' && max !== '' && Number(min) > Number(max)) out.price = 'The lowest price is above the highest one.';
  return out;
}

export function pageFromQuery(query: LocationQuery): number {
  const n = Number(str(query.page));
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** Form → URL query, leaving out empty values so links stay short. */
export function queryFromForm(form: SearchForm, page = 1): Record<string, string> {
  const out: Record<string, string> = {};
  if (form.q.trim()) out.q = form.q.trim();
  if (form.from) out.from = form.from;
  if (form.to) out.to = form.to;
  if (form.minPrice !== '') out.minPrice = String(form.minPrice);
  if (form.maxPrice !== '') out.maxPrice = String(form.maxPrice);
  if (hasPrice(form)) out.currency = form.currency;
  if (form.available) out.available = 'true';
  if (page > 1) out.page = String(page);
  return out;
}

/** Form → API query: local calendar days become UTC instants, prices become minor units. */
export function apiSearchFromForm(form: SearchForm, page: number, pageSize = 12): EventSearch {
  const startOfDay = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);
  const endOfDay = (d: string) => (d ? new Date(`${d}T23:59:59.999`).toISOString() : undefined);
  const minor = (p: string | number) => {
    const n = p !== '' ? toMinor(p, form.currency) : Number.NaN;
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  return {
    q: form.q.trim() || undefined,
    // Without an explicit start date, show what is still to come.
    from: startOfDay(form.from) ?? new Date().toISOString(),
    to: endOfDay(form.to),
    minPrice: minor(form.minPrice),
    maxPrice: minor(form.maxPrice),
    currency: hasPrice(form) ? form.currency : undefined,
    available: form.available || undefined,
    page,
    pageSize,
  };
}
