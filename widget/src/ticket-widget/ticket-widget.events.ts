import type { Entry, Ticket } from '@queuetix/contracts';
import type { WidgetErrorCode } from '../api/errors.js';

/** `queuetix-joined`: the buyer joined the line (or already had a live place: `existing`). */
export interface QueuetixJoinedDetail {
  eventId: string;
  entry: Entry;
  existing: boolean;
}

/** `queuetix-offer`: it is the buyer's turn; tickets are held until `expiresAt` (ISO 8601). */
export interface QueuetixOfferDetail {
  eventId: string;
  entry: Entry;
  quantity: number;
  expiresAt: string | null;
}

/** `queuetix-purchased`: the payment was verified and tickets were issued. */
export interface QueuetixPurchasedDetail {
  eventId: string;
  entry: Entry;
  tickets: Ticket[];
}

/** `queuetix-error`: something the buyer sees as an error state or message. */
export interface QueuetixErrorDetail {
  eventId: string | null;
  code: WidgetErrorCode;
  message: string;
}

export interface QueuetixEventMap {
  'queuetix-joined': CustomEvent<QueuetixJoinedDetail>;
  'queuetix-offer': CustomEvent<QueuetixOfferDetail>;
  'queuetix-purchased': CustomEvent<QueuetixPurchasedDetail>;
  'queuetix-error': CustomEvent<QueuetixErrorDetail>;
}

export type QueuetixEventName = keyof QueuetixEventMap;
export type QueuetixEventDetail<K extends QueuetixEventName> = QueuetixEventMap[K]['detail'];

/** Dispatches a typed event that bubbles out of the shadow root, so a listener on document hears it. */
export function emit<K extends QueuetixEventName>(target: EventTarget, name: K, detail: QueuetixEventDetail<K>): void {
  // Exceptions in host-page listeners are reported by the browser, never thrown back into us.
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface GlobalEventHandlersEventMap extends QueuetixEventMap {}
}
