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
  available: boolean;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function formFromQuery(query: LocationQuery): SearchForm {
  return {
    q: str(query.q),
    from: str(query.from),
    to: str(query.to),
    minPrice: str(query.minPrice),
    maxPrice: str(query.maxPrice),
    available: query.available === 'true',
  };
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
  if (form.available) out.available = 'true';
  if (page > 1) out.page = String(page);
  return out;
}

/** Form → API query: local calendar days become UTC instants, prices become minor units. */
export function apiSearchFromForm(form: SearchForm, page: number, pageSize = 12): EventSearch {
  const startOfDay = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);
  const endOfDay = (d: string) => (d ? new Date(`${d}T23:59:59.999`).toISOString() : undefined);
  const minor = (p: string | number) => {
    const n = p !== '' ? toMinor(p) : Number.NaN;
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  return {
    q: form.q.trim() || undefined,
    // Without an explicit start date, show what is still to come.
    from: startOfDay(form.from) ?? new Date().toISOString(),
    to: endOfDay(form.to),
    minPrice: minor(form.minPrice),
    maxPrice: minor(form.maxPrice),
    available: form.available || undefined,
    page,
    pageSize,
  };
}
