/** Dates and money as mail and PDFs show them: through Intl, the venue's time zone named. */

const DATE_TIME = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' } as const;
const TIME = { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' } as const;

/** A zone this runtime does not know: say the time in UTC rather than fail the message. */
function inZone(options: Intl.DateTimeFormatOptions, timeZone: string, locale: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  }
}

export function formatEventDate(date: Date, timeZone = 'UTC', locale = 'en-GB'): string {
  return inZone(DATE_TIME, timeZone, locale).format(date);
}

export function formatMoney(minor: number, currency: string, locale = 'en-GB'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

export function formatTime(date: Date, timeZone = 'UTC', locale = 'en-GB'): string {
  return inZone(TIME, timeZone, locale).format(date);
}

const plural = new Intl.PluralRules('en');
/** "1 ticket", "2 tickets". */
export function countOf(n: number, one: string, other: string): string {
  return `${n} ${plural.select(n) === 'one' ? one : other}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
