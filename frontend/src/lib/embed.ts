/**
 * State of the widget's popup flow, kept in this tab's sessionStorage: the opener cannot write it,
 * so only a sign-in the user did in this popup counts as consent to hand the token over.
 */
const PENDING_KEY = 'queuetix.embed.pending';
const ORIGIN_KEY = 'queuetix.embed.origin';

export function markEmbedSignInPending(origin: string): void {
  sessionStorage.setItem(PENDING_KEY, origin);
}

export function pendingEmbedOrigin(): string | null {
  return sessionStorage.getItem(PENDING_KEY);
}

/** True once, when the user has just signed in within this popup for this very origin. */
export function consumeEmbedSignIn(origin: string): boolean {
  const pending = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  return pending === origin;
}

/** The widget's origin, remembered so /embed/checkout-done can answer the right window. */
export function rememberEmbedOrigin(origin: string): void {
  sessionStorage.setItem(ORIGIN_KEY, origin);
  localStorage.setItem(ORIGIN_KEY, origin);
}

export function embedOrigin(): string | null {
  return sessionStorage.getItem(ORIGIN_KEY) ?? localStorage.getItem(ORIGIN_KEY);
}

export function isOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === value;
  } catch {
    return false;
  }
}

/**
 * An event's embedding rule (the backend's embed-origins.ts decides; this only explains early):
 * Queuetix itself always, another site only when listed or when the seller chose any site ('*').
 */
export function originAllowed(allowedOrigins: string[], origin: string): boolean {
  if (origin.toLowerCase() === window.location.origin.toLowerCase()) return true;
  return allowedOrigins.some((o) => o === '*' || o.replace(/\/$/, '').toLowerCase() === origin.toLowerCase());
}

const CONSENT_KEY = 'queuetix.embed.consent';
const consentKey = (origin: string, eventId: string, userId: string) => `${userId} ${origin.toLowerCase()} ${eventId}`;

function consents(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(CONSENT_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The buyer agreed to let this site act for them on this event. Kept on the Queuetix origin (the
 * site cannot write it), so renewing the 15-minute token through the popup needs no second click.
 */
export function rememberEmbedConsent(origin: string, eventId: string, userId: string): void {
  const key = consentKey(origin, eventId, userId);
  localStorage.setItem(CONSENT_KEY, JSON.stringify([key, ...consents().filter((k) => k !== key)].slice(0, 50)));
}

export function hasEmbedConsent(origin: string, eventId: string, userId: string): boolean {
  return consents().includes(consentKey(origin, eventId, userId));
}
