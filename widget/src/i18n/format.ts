/** Locale-aware formatting of money and times with Intl, falling back to English on a bad locale. */
export interface Formatters {
  locale: string;
  money(minorUnits: number, currency: string): string;
  /** With `timeZone` (the venue's), the date is shown in that zone and the zone is named. */
  dateTime(iso: string, timeZone?: string | null): string;
  time(iso: string): string;
}

export function safeLocale(requested: string | null | undefined): string {
  const candidates = [requested, document.documentElement.lang, navigator.language, 'en'];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      return Intl.getCanonicalLocales(candidate)[0] ?? 'en';
    } catch {
      // Not a valid BCP 47 tag: try the next source.
    }
  }
  return 'en';
}

export function formattersFor(locale: string): Formatters {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  return {
    locale,
    money(minorUnits, currency) {
      try {
        const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
        const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
        return format.format(minorUnits / 10 ** digits);
      } catch {
        return `${(minorUnits / 100).toFixed(2)} ${currency.toUpperCase()}`;
      }
    },
    dateTime: (iso, timeZone) => formatDate(timeZone ? (zonedDateTime(locale, timeZone) ?? dateTime) : dateTime, iso),
    time: (iso) => formatDate(time, iso),
  };
}

/** The full date and time in the venue's zone, naming it (dateStyle cannot be combined with timeZoneName). */
function zonedDateTime(locale: string, timeZone: string): Intl.DateTimeFormat | undefined {
  try {
    return new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
  } catch {
    return undefined; // an unknown zone: the viewer's own, unnamed, as before zones were stored
  }
}

function formatDate(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : format.format(date);
}

/** "4:05" style countdown; never negative. */
export function countdown(msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return `${minutes}:${seconds}`;
}
