import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiSearchFromForm, formFromQuery, pageFromQuery, queryFromForm, type SearchForm } from './searchQuery';

const blank: SearchForm = { q: '', from: '', to: '', minPrice: '', maxPrice: '', available: false };

describe('the search form in the URL', () => {
  it('reads every field from the query, as typed', () => {
    expect(formFromQuery({ q: 'jazz', from: '2026-05-01', to: '2026-05-31', minPrice: '10', maxPrice: '50', available: 'true' })).toEqual({
      q: 'jazz',
      from: '2026-05-01',
      to: '2026-05-31',
      minPrice: '10',
      maxPrice: '50',
      available: true,
    });
  });

  it('ignores repeated parameters and anything but available=true', () => {
    expect(formFromQuery({ q: ['a', 'b'], available: 'yes' })).toEqual(blank);
    expect(formFromQuery({})).toEqual(blank);
  });

  it('reads the page only when it is a positive whole number', () => {
    expect(pageFromQuery({ page: '3' })).toBe(3);
    for (const page of ['0', '-2', '2.5', 'x', '']) expect(pageFromQuery({ page })).toBe(1);
    expect(pageFromQuery({})).toBe(1);
  });

  it('writes only filled fields back, so links stay short', () => {
    expect(queryFromForm(blank)).toEqual({});
    expect(queryFromForm({ ...blank, q: '  rock  ', minPrice: 10, available: true }, 2)).toEqual({ q: 'rock', minPrice: '10', available: 'true', page: '2' });
  });

  it('round-trips a full query unchanged', () => {
    const query = { q: 'jazz', from: '2026-05-01', to: '2026-05-31', minPrice: '10', maxPrice: '50', available: 'true', page: '4' };
    expect(queryFromForm(formFromQuery(query), pageFromQuery(query))).toEqual(query);
  });
});

describe('the search form as an API query', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns local calendar days into the UTC instants that bound them (TZ=America/New_York)', () => {
    const search = apiSearchFromForm({ ...blank, from: '2026-05-01', to: '2026-05-31' }, 1);
    expect(search.from).toBe('2026-05-01T04:00:00.000Z');
    expect(search.to).toBe('2026-06-01T03:59:59.999Z');
  });

  it('shows what is still to come when no start date is given', () => {
    vi.useFakeTimers({ now: new Date('2026-03-10T12:00:00.000Z') });
    expect(apiSearchFromForm(blank, 1).from).toBe('2026-03-10T12:00:00.000Z');
  });

  it('sends prices in minor units and drops those that are not a price', () => {
    expect(apiSearchFromForm({ ...blank, minPrice: '10', maxPrice: 25.5 }, 1)).toMatchObject({ minPrice: 1000, maxPrice: 2550 });
    for (const bad of ['', '-5', 'abc']) {
      const search = apiSearchFromForm({ ...blank, minPrice: bad, maxPrice: bad }, 1);
      expect(search.minPrice).toBeUndefined();
      expect(search.maxPrice).toBeUndefined();
    }
  });

  it('leaves out an empty text and an unchecked availability filter, and pages by 12 unless told', () => {
    const search = apiSearchFromForm({ ...blank, q: '   ' }, 3);
    expect(search.q).toBeUndefined();
    expect(search.available).toBeUndefined();
    expect(search).toMatchObject({ page: 3, pageSize: 12 });
    expect(apiSearchFromForm({ ...blank, q: ' folk ', available: true }, 1, 24)).toMatchObject({ q: 'folk', available: true, pageSize: 24 });
  });
});
