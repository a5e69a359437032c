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

export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

export function shortDate(iso: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

export function dayParts(iso: string): { month: string; day: string } {
  const d = new Date(iso);
  return {
    month: new Intl.DateTimeFormat(locale, { month: 'short' }).format(d),
    day: new Intl.DateTimeFormat(locale, { day: 'numeric' }).format(d),
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

/** ISO (UTC) → the value a <input type="datetime-local"> shows in the buyer's zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** <input type="datetime-local"> value (local time) → ISO UTC, or '' when empty/invalid. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
