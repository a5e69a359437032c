import { acceptTokenMessage } from './buyer-session.js';
import { closePopup, openPopup } from './popup.js';

/** API origins waiting for a sign-in popup to answer, with the popup to close once it has. */
const pending = new Map<string, Window | null>();
let listening = false;

function onMessage(message: MessageEvent): void {
  if (!pending.has(message.origin)) return;
  if (acceptTokenMessage(message.origin, message)) {
    closePopup(pending.get(message.origin) ?? null);
    pending.delete(message.origin);
  }
}

/**
 * Opens the Queuetix sign-in popup (`/embed/auth`), which signs the buyer in first-party and
 * posts the token back to this page. Returns false when the browser blocked the popup.
 */
export function signInWithPopup(apiOrigin: string, eventId: string): boolean {
  const url = `${apiOrigin}/embed/auth?origin=${encodeURIComponent(location.origin)}&event=${encodeURIComponent(eventId)}`;
  const popup = openPopup(url, 'queuetix-sign-in');
  if (!popup) return false;
  pending.set(apiOrigin, popup);
  if (!listening) {
    window.addEventListener('message', onMessage);
    listening = true;
  }
  return true;
}
