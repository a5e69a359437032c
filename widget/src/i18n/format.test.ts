import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countdown, formattersFor, safeLocale } from './format.js';
import { wordsFor } from './words.js';

/** Intl's spaces (no-break, narrow no-break) differ between ICU versions: compare them as plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

/** The host page's language (<html lang>) and the browser's. */
function page(lang: string, browserLanguage: string) {
  vi.stubGlobal('document', { documentElement: { lang } });
  vi.stubGlobal('navigator', { language: browserLanguage });
}

beforeEach(() => page('', 'en-US'));
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('safeLocale', () => {
  it('uses the requested locale, canonically spelled', () => {
    expect(safeLocale('fr-ca')).toBe('fr-CA');
  });

  it('falls back to the page language, then the browser language, then English', () => {
    page('de-DE', 'fr-FR');
    expect(safeLocale(null)).toBe('de-DE');
    expect(safeLocale('not a locale!')).toBe('de-DE');
    page('', 'fr-FR');
    expect(safeLocale(undefined)).toBe('fr-FR');
    page('%%', '');
    expect(safeLocale('')).toBe('en');
  });
});

describe('formattersFor', () => {
  it('formats money from minor units with the digits of the currency', () => {
    const f = formattersFor('en-US');
    expect(f.money(2500, 'usd')).toBe('$25.00');
    expect(f.money(1000, 'JPY')).toBe('¥1,000');
  });

  it('writes money the way the locale does', () => {
    expect(plain(formattersFor('fr-FR').money(123456, 'eur'))).toBe('1 234,56 €');
    expect(plain(formattersFor('de-DE').money(2500, 'eur'))).toBe('25,00 €');
  });

  it('shows an unknown currency as plain digits and its code', () => {
    expect(formattersFor('en-US').money(2500, 'zz')).toBe('25.00 ZZ');
  });

  it("shows times in the buyer's zone (TZ=America/New_York) and nothing for a date it cannot read", () => {
    const f = formattersFor('en-US');
    expect(plain(f.time('2026-05-01T23:30:00.000Z'))).toBe('7:30 PM');
    expect(plain(f.dateTime('2026-05-01T23:30:00.000Z'))).toBe('Friday, May 1, 2026 at 7:30 PM');
    expect(formattersFor('de-DE').time('2026-05-01T23:30:00.000Z')).toBe('19:30');
    expect(f.time('soon')).toBe('');
    expect(f.dateTime('')).toBe('');
  });
});

describe('countdown', () => {
  it('shows minutes and seconds, rounding partial seconds up', () => {
    expect(countdown(61_000)).toBe('1:01');
    expect(countdown(600_000)).toBe('10:00');
    expect(countdown(59_001)).toBe('1:00');
  });

  it('stops at 0:00', () => {
    expect(countdown(0)).toBe('0:00');
    expect(countdown(-30_000)).toBe('0:00');
  });
});

describe('wordsFor', () => {
  it('gives the sentences and the formats of one locale together', () => {
    const { t, f } = wordsFor('fr-BE');
    expect(f.locale).toBe('fr-BE');
    expect(plain(t.buy(f.money(2500, 'eur')))).toBe('Acheter pour 25,00 €');
  });

  it('speaks English with the formats of the locale when the language is not one of ours', () => {
    const { t, f } = wordsFor('ja-JP');
    expect(t.join).toBe('Join the line');
    expect(f.money(1000, 'jpy')).toBe('￥1,000');
  });
});
