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

/** An event's embedding rule: an empty list allows any site. */
export function originAllowed(allowedOrigins: string[], origin: string): boolean {
  return allowedOrigins.length === 0 || allowedOrigins.some((o) => o.replace(/\/$/, '').toLowerCase() === origin.toLowerCase());
}
