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
import type { EmbedTokenMessage } from '@queuetix/contracts';
import { isTokenMessage } from '../api/guards.js';

/** A signed-in buyer: the token and user the sign-in popup hands back. */
export type Buyer = Pick<EmbedTokenMessage, 'token' | 'user'> & {
  /** When the token stops working, on this page's clock (ms); the popup gives a new one. */
  expiresAtMs?: number;
};

/** Sessions are per API origin and event: an embed token works for its one event only. */
export const sessionKey = (apiOrigin: string, eventId: string) => `${apiOrigin} ${eventId}`;

type Listener = (buyer: Buyer | null) => void;

interface BuyerSession {
  buyer: Buyer | null;
  listeners: Set<Listener>;
}

const sessions = new Map<string, BuyerSession>();

/** `key` is sessionKey(apiOrigin, eventId). */
function sessionOf(key: string): BuyerSession {
  let session = sessions.get(key);
  if (!session) {
    session = { buyer: null, listeners: new Set() };
    sessions.set(key, session);
  }
  return session;
}

export function currentBuyer(key: string): Buyer | null {
  return sessionOf(key).buyer;
}

/** Calls `listener` on every sign-in/sign-out for that session; returns the unsubscribe function. */
export function onBuyerChange(key: string, listener: Listener): () => void {
  const session = sessionOf(key);
  session.listeners.add(listener);
  return () => session.listeners.delete(listener);
}

export function setBuyer(key: string, buyer: Buyer | null): void {
  const session = sessionOf(key);
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
export function dropToken(key: string, token: string): void {
  if (currentBuyer(key)?.token === token) setBuyer(key, null);
}

/**
 * Accepts a token handed over by the sign-in popup: only from the Queuetix origin itself, and
 * only in the documented shape. Any other message (other origins, other shapes) is ignored.
 */
export function acceptTokenMessage(apiOrigin: string, message: MessageEvent): boolean {
  if (message.origin !== apiOrigin || !isTokenMessage(message.data)) return false;
  const { token, user, eventId } = message.data;
  const lifetimeMs = tokenLifetimeMs(token);
  setBuyer(sessionKey(apiOrigin, eventId), {
    token,
    user: { id: user.id, name: user.name },
    ...(lifetimeMs === undefined ? {} : { expiresAtMs: Date.now() + lifetimeMs }),
  });
  return true;
}

/**
 * How long the token lives (its exp − iat), measured from now on this page's clock: the host's
 * clock may be off by minutes, so the server's absolute expiresAt would end it early or late.
 */
function tokenLifetimeMs(token: string): number | undefined {
  try {
    const payload: unknown = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
    const { exp, iat } = payload as { exp?: unknown; iat?: unknown };
    return typeof exp === 'number' && typeof iat === 'number' && exp > iat ? (exp - iat) * 1000 : undefined;
  } catch {
    return undefined;
  }
}
