/** Formatting in the buyer's own locale (Intl): dates, times, money in minor units, durations. */

const locale = typeof navigator === 'undefined' ? 'en' : navigator.language;

const fractionDigits = new Map<string, number>();
function minorDigits(currency: string): number {
  const key = currency.toUpperCase();
  let digits = fractionDigits.get(key);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: key }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    fractionDigits.set(key, digits);
  }
  return digits;
}

/** Minor units (cents) → "$25.00" in the buyer's locale. */
export function money(minor: number, currency = 'usd'): string {
  const digits = minorDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency.toUpperCase()}`;
  }
}

export function priceLabel(minor: number, currency: string): string {
  return minor === 0 ? 'Free' : money(minor, currency);
}

/** "25.00" (what a seller types) → 2500 minor units; NaN when it is not a number. */
export function toMinor(major: string | number, currency = 'usd'): number {
  // Vue's v-model hands number inputs over as numbers, text inputs as strings: accept both.
  const n = Number(String(major).replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * 10 ** minorDigits(currency)) : Number.NaN;
}

export function toMajor(minor: number, currency = 'usd'): string {
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/** The browser's own zone: where a seller most likely is when creating an event. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A formatter in the event's zone, naming it; the viewer's zone, unnamed, when the event has none (or an unknown one). */
function formatter(options: Intl.DateTimeFormatOptions, timeZone?: string | null): Intl.DateTimeFormat {
  if (timeZone) {
    try {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone, ...(options.hour ? { timeZoneName: 'short' } : {}) });
    } catch {
      // fall through: an unknown zone
    }
  }
  return new Intl.DateTimeFormat(locale, options);
}

/** "Saturday, December 20, 2026 at 8:00 PM GMT+1": in the venue's zone when given, and named. */
export function dateTime(iso: string, timeZone?: string | null): string {
  return formatter({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' }, timeZone).format(new Date(iso));
}

export function shortDate(iso: string, timeZone?: string | null): string {
  return formatter({ weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, timeZone).format(new Date(iso));
}

export function dayParts(iso: string, timeZone?: string | null): { month: string; day: string } {
  const d = new Date(iso);
  return {
    month: formatter({ month: 'short' }, timeZone).format(d),
    day: formatter({ day: 'numeric' }, timeZone).format(d),
  };
}

export function count(n: number): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** "21:04:17" in the viewer's locale: a moment at the door, where the seconds matter. */
export function timeOfDay(iso: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(new Date(iso));
}

/** Milliseconds → "4:05" or "2:03:07" (a countdown). */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Milliseconds → "3 days, 4 hours" style words for long countdowns and screen readers. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const units: [Intl.NumberFormatOptions['unit'], number][] = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ];
  const parts: string[] = [];
  let rest = total;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 && parts.length < 2) parts.push(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n));
  }
  return parts.length ? parts.join(', ') : new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(0);
}

/** The wall-clock parts of an instant in a zone. */
function wallParts(ms: number, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  return Object.fromEntries(parts.filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
}

/** How far the zone's wall clock is ahead of UTC at that instant. */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const p = wallParts(ms, timeZone);
  return Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second) - (ms - (ms % 1000));
}

/** ISO (UTC) → the value a <input type="datetime-local"> shows: wall time in `timeZone`, else the browser's zone. */
export function toLocalInput(iso: string | null | undefined, timeZone?: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (timeZone) {
    const p = wallParts(d.getTime(), timeZone);
    return `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}`;
  }
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** <input type="datetime-local"> value (wall time in `timeZone`, else the browser's) → ISO UTC, or '' when empty/invalid. */
export function fromLocalInput(value: string, timeZone?: string | null): string {
  if (!value) return '';
  if (!timeZone) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? '' : d.toISOString();
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return '';
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // Two passes: the offset at the guessed instant, then at the corrected one (daylight-saving edges).
  let utc = wall - zoneOffsetMs(wall, timeZone);
  utc = wall - zoneOffsetMs(utc, timeZone);
  return Number.isNaN(utc) ? '' : new Date(utc).toISOString();
}

/** The site's sentences are English: their word forms follow English plural rules, whatever the buyer's number format. */
const pluralRules = new Intl.PluralRules('en');

/** "1 ticket", "2 tickets", "0 tickets" (Intl.PluralRules, numbers in the buyer's locale). */
export function counted(n: number, one: string, other: string): string {
  return `${count(n)} ${pluralRules.select(n) === 'one' ? one : other}`;
}
