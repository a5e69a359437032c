/**
 * Who the buyer is, per Queuetix API origin and event, shared by every widget of that event on
 * the page. The token is an embed token (issue 12): bound to one event and this site, living 15
 * minutes, renewed through the sign-in popup — never the buyer's Queuetix session.
 *
 * The token lives in memory only. sessionStorage would survive a reload, but it is readable by
 * every script of the host origin (analytics, ads, other widgets) for the tab's life, and a
 * buyer's token reads their tickets, whose codes admit people at the door. A reload costs one
 * click instead: the sign-in popup runs first-party on the Queuetix origin, where the buyer is
 * usually still signed in, and hands back a fresh token at once.
 */
import { isTokenMessage } from '../api/guards.js';

export interface Buyer {
  token: string;
  user: { id: string; name: string };
  /** When the token stops working (ISO); the popup gives a new one. */
  expiresAt?: string;
}

/** Sessions are per API origin and event: an embed token works for its one event only. */
export const sessionKey = (apiOrigin: string, eventId: string) => `${apiOrigin} ${eventId}`;

type Listener = (buyer: Buyer | null) => void;

interface OriginSession {
  buyer: Buyer | null;
  listeners: Set<Listener>;
}

const sessions = new Map<string, OriginSession>();

function sessionOf(apiOrigin: string): OriginSession {
  let session = sessions.get(apiOrigin);
  if (!session) {
    session = { buyer: null, listeners: new Set() };
    sessions.set(apiOrigin, session);
  }
  return session;
}

export function currentBuyer(apiOrigin: string): Buyer | null {
  return sessionOf(apiOrigin).buyer;
}

/** Calls `listener` on every sign-in/sign-out for that origin; returns the unsubscribe function. */
export function onBuyerChange(apiOrigin: string, listener: Listener): () => void {
  const session = sessionOf(apiOrigin);
  session.listeners.add(listener);
  return () => session.listeners.delete(listener);
}

export function setBuyer(apiOrigin: string, buyer: Buyer | null): void {
  const session = sessionOf(apiOrigin);
  if (session.buyer?.token === buyer?.token) return;
  session.buyer = buyer;
  for (const listener of [...session.listeners]) {
    try {
      listener(buyer);
    } catch {
      // One widget's failure must not stop the others hearing about the sign-in.
    }
  }
}

/** Forgets the token only if it is still the one that failed (another widget may have renewed it). */
export function dropToken(apiOrigin: string, token: string): void {
  if (currentBuyer(apiOrigin)?.token === token) setBuyer(apiOrigin, null);
}

/**
 * Accepts a token handed over by the sign-in popup: only from the Queuetix origin itself, and
 * only in the documented shape. Any other message (other origins, other shapes) is ignored.
 */
export function acceptTokenMessage(apiOrigin: string, message: MessageEvent): boolean {
  if (message.origin !== apiOrigin || !isTokenMessage(message.data)) return false;
  const { token, user, eventId, expiresAt } = message.data;
  setBuyer(sessionKey(apiOrigin, eventId), { token, user: { id: user.id, name: user.name }, expiresAt });
  return true;
}
