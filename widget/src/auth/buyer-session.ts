/**
 * Who the buyer is, per Queuetix API origin, shared by every widget on the page (sign in once,
 * every widget of that Queuetix host knows).
 *
 * The token lives in memory only. sessionStorage would survive a reload, but it is readable by
 * every script of the host origin (analytics, ads, other widgets) for the tab's life, and a
 * buyer's token reads their tickets, whose codes admit people at the door. A reload costs one
 * click instead: the sign-in popup runs first-party on the Queuetix origin, where the buyer is
 * usually still signed in, and hands back a fresh token at once.
 */
import type { EmbedTokenMessage } from '@queuetix/contracts';
import { isTokenMessage } from '../api/guards.js';

/** A signed-in buyer: what the sign-in popup hands back, without the message's type. */
export type Buyer = Omit<EmbedTokenMessage, 'type'>;

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
  const { token, user } = message.data;
  setBuyer(apiOrigin, { token, user: { id: user.id, name: user.name } });
  return true;
}
