import { afterAll, describe, expect, it, vi } from 'vitest';

// format.ts reads the buyer's locale once, when it loads: pin it before the import.
vi.stubGlobal('navigator', { language: 'en-US' });
const { clock, count, dayParts, duration, fromLocalInput, money, priceLabel, toLocalInput, toMajor, toMinor } = await import('./format');

afterAll(() => {
  vi.unstubAllGlobals();
});

describe('money', () => {
  it('turns minor units into the currency of the event, in the buyer locale', () => {
    expect(money(2500, 'usd')).toBe('$25.00');
    expect(money(123456, 'eur')).toBe('€1,234.56');
  });

  it('knows currencies without cents (yen) and with three decimals (dinar)', () => {
    expect(money(1000, 'jpy')).toBe('¥1,000');
    // Intl separates the code with a no-break space.
    expect(money(1234, 'kwd').replace(/\s/g, ' ')).toBe('KWD 1.234');
  });

  it('falls back to plain digits and the code for a currency Intl does not know', () => {
    expect(money(2500, 'zz')).toBe('25.00 ZZ');
  });

  it('labels a free event "Free" rather than $0.00', () => {
    expect(priceLabel(0, 'usd')).toBe('Free');
    expect(priceLabel(999, 'usd')).toBe('$9.99');
  });
});

describe('toMinor and toMajor (what a seller types ↔ what the API stores)', () => {
  it('reads a typed price, with a dot or a decimal comma, as minor units', () => {
    expect(toMinor('25.00')).toBe(2500);
    expect(toMinor('25,5')).toBe(2550);
    expect(toMinor(12)).toBe(1200);
    expect(toMinor('1000', 'jpy')).toBe(1000);
  });

  it('gives NaN for text that is not a number, so the schema rejects it', () => {
    expect(toMinor('abc')).toBeNaN();
  });

  it('writes minor units back with the digits of the currency', () => {
    expect(toMajor(2550, 'usd')).toBe('25.50');
    expect(toMajor(500, 'jpy')).toBe('500');
    expect(toMinor(toMajor(1999, 'usd'), 'usd')).toBe(1999);
  });
});

describe('clock (countdowns)', () => {
  it('shows minutes and seconds, and hours only when there are some', () => {
    expect(clock(65_000)).toBe('1:05');
    expect(clock(7_387_000)).toBe('2:03:07');
    expect(clock(3_600_000)).toBe('1:00:00');
  });

  it('rounds up partial seconds and never shows a negative time', () => {
    expect(clock(1)).toBe('0:01');
    expect(clock(0)).toBe('0:00');
    expect(clock(-5_000)).toBe('0:00');
  });
});

describe('duration (long countdowns, screen readers)', () => {
  it('names the two largest units', () => {
    expect(duration(((3 * 24 + 4) * 60 + 5) * 60_000)).toBe('3 days, 4 hours');
    expect(duration(61_000)).toBe('1 minute, 1 second');
  });

  it('skips empty units between the ones it names', () => {
    expect(duration((24 * 60 + 1) * 60_000)).toBe('1 day, 1 minute');
  });

  it('says "0 seconds" when time is up', () => {
    expect(duration(0)).toBe('0 seconds');
    expect(duration(-1_000)).toBe('0 seconds');
  });
});

describe('dates', () => {
  it('splits a date into the month and day of a calendar tile, in the buyer zone', () => {
    // 01:30 UTC on 1 May is still 30 April in New York (the specs run with TZ=America/New_York).
    expect(dayParts('2026-05-01T01:30:00.000Z')).toEqual({ month: 'Apr', day: '30' });
    expect(dayParts('2026-05-01T14:30:00.000Z')).toEqual({ month: 'May', day: '1' });
  });

  it('shows a UTC instant as the local wall time a datetime-local input expects, and reads it back', () => {
    expect(toLocalInput('2026-05-01T14:30:00.000Z')).toBe('2026-05-01T10:30');
    expect(fromLocalInput('2026-05-01T10:30')).toBe('2026-05-01T14:30:00.000Z');
    expect(fromLocalInput(toLocalInput('2026-12-24T23:05:00.000Z'))).toBe('2026-12-24T23:05:00.000Z');
  });

  it('leaves empty and unreadable inputs empty', () => {
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput(undefined)).toBe('');
    expect(fromLocalInput('')).toBe('');
    expect(fromLocalInput('not a date')).toBe('');
  });
});

describe('count', () => {
  it('groups thousands', () => {
    expect(count(1_234_567)).toBe('1,234,567');
  });
});
