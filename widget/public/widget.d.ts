/**
 * Types of <queuetix-ticket-widget>, served next to the script at /widget.d.ts. Copy this file into
 * a TypeScript project that embeds the widget: the element, its attributes and its events are then
 * typed (document.querySelector('queuetix-ticket-widget'), addEventListener('queuetix-offer', …)).
 * Kept in step with the API's contracts by the type check of the Queuetix repository.
 */

export type QueuetixEntryStatus = 'waiting' | 'offered' | 'purchased' | 'expired' | 'left';

/** The buyer's place in an event's line (api.md, Entry). Times are ISO 8601 strings in UTC. */
/** Tickets of one type, as a join asks for them. */
export interface QueuetixOrderItem {
  typeId: string;
  quantity: number;
}

/** One line of an offer: the buyer pays unitPrice − discountPerTicket per ticket. */
export interface QueuetixOfferedItem extends QueuetixOrderItem {
  unitPrice: number;
  discountPerTicket: number;
}

export interface QueuetixEntry {
  id: string;
  eventId: string;
  userId: string;
  /** Tickets asked for in all (the sum of items). */
  quantity: number;
  items: QueuetixOrderItem[];
  status: QueuetixEntryStatus;
  /** 1-based among waiting entries; absent when not waiting or before the on-sale lottery. */
  position?: number | undefined;
  ahead?: number | undefined;
  inLottery?: boolean | undefined;
  offerId?: string | undefined;
  offeredQuantity?: number | undefined;
  offerExpiresAt?: string | undefined;
  outcome?: string | undefined;
  offeredItems?: QueuetixOfferedItem[] | undefined;
  /** The offer's total, discount applied (minor units). */
  amount?: number | undefined;
  discountCode?: string | undefined;
  /** Types asked for that sold out: change the request or leave. */
  unavailableTypeIds?: string[] | undefined;
  joinedAt: string;
}

/** A ticket type of an event (hidden ones appear only through an access code). */
export interface QueuetixTicketType {
  id: string;
  name: string;
  description: string;
  price: number;
  capacity: number;
  maxPerBuyer: number;
  salesStartAt: string | null;
  salesEndAt: string | null;
  hidden: boolean;
}

export interface QueuetixTypeAvailability {
  typeId: string;
  total: number;
  sold: number;
  held: number;
  free: number;
  soldOut: boolean;
  onSale: boolean;
}

export interface QueuetixAvailability {
  total: number;
  sold: number;
  held: number;
  free: number;
  waiting: number;
  soldOut: boolean;
  salesOpen: boolean;
  types: QueuetixTypeAvailability[];
}

/** An event as the API shows it (api.md, Event). Money in minor units (cents). */
export interface QueuetixEvent {
  id: string;
  ownerId: string;
  name: string;
  description: string;
  location: string;
  eventDate: string;
  /** The venue's IANA time zone; null for events stored before zones were kept. */
  timeZone: string | null;
  price: number;
  currency: string;
  totalTickets: number;
  ticketTypes: QueuetixTicketType[];
  /** The overall capacity shared by the types, or null. */
  capacity: number | null;
  salesStartAt: string | null;
  maxPerBuyer: number;
  offerWindowSec: number;
  imageUrl: string | null;
  isCancelled: boolean;
  status: 'draft' | 'published';
  createdAt: string;
  allowedOrigins: string[];
  /** SHA-256 (hex) of the secret seed of the early-arrival draw, published with the on-sale time; never changes. */
  drawCommitment: string | null;
  /** Proof-of-work on join: off, on, or auto (while the line is long or joins arrive fast). */
  powMode: 'off' | 'on' | 'auto';
  availability: QueuetixAvailability;
}

export interface QueuetixTicket {
  id: string;
  eventId: string;
  userId: string;
  status: 'valid' | 'used' | 'refunded';
  /** What the door scans (shown as a QR code). */
  code: string;
  amount: number;
  typeId: string;
  typeName: string;
  discountCode?: string | undefined;
  currency: string;
  purchasedAt: string;
  order?: { id: string; index: number; size: number } | undefined;
  usedAt?: string | undefined;
  refundedAt?: string | undefined;
  event?: QueuetixEvent | undefined;
}

/** What `queuetix-error` reports. */
export type QueuetixErrorCode =
  | 'invalid_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'sold_out'
  | 'offer_expired'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'proof_required'
  | 'code_invalid'
  | 'origin_refused'
  | 'network'
  | 'invalid_attribute'
  | 'popup_blocked'
  | 'invalid_response'
  | 'unknown';

/** `queuetix-joined`: the buyer joined the line (or already had a live place: `existing`). Always before `queuetix-offer`. */
export interface QueuetixJoinedDetail {
  eventId: string;
  entry: QueuetixEntry;
  existing: boolean;
}

/** `queuetix-offer`: it is the buyer's turn; `quantity` tickets are held until `expiresAt` (ISO 8601). Once per offer. */
export interface QueuetixOfferDetail {
  eventId: string;
  entry: QueuetixEntry;
  quantity: number;
  expiresAt: string | null;
}

/** `queuetix-purchased`: the payment was verified and tickets were issued. */
export interface QueuetixPurchasedDetail {
  eventId: string;
  entry: QueuetixEntry;
  tickets: QueuetixTicket[];
}

/** `queuetix-error`: the widget shows an error state or message. */
export interface QueuetixErrorDetail {
  eventId: string | null;
  code: QueuetixErrorCode;
  message: string;
}

export interface QueuetixEventMap {
  'queuetix-joined': CustomEvent<QueuetixJoinedDetail>;
  'queuetix-offer': CustomEvent<QueuetixOfferDetail>;
  'queuetix-purchased': CustomEvent<QueuetixPurchasedDetail>;
  'queuetix-error': CustomEvent<QueuetixErrorDetail>;
}

/** The element's attributes (all strings in HTML; reflected as properties of the same names). */
export interface QueuetixTicketWidgetAttributes {
  /** Required: the Queuetix event id. */
  event: string;
  /** The Queuetix host, e.g. https://tickets.example.com; defaults to the origin widget.js came from. */
  api?: string;
  /** BCP 47 locale for words, dates and money (en, fr, de; others get English words, local formats). */
  locale?: string;
  /** Colour scheme defaults of the CSS custom properties. */
  theme?: 'light' | 'dark';
}

export interface QueuetixTicketWidgetElement extends HTMLElement {
  event: string;
  api: string | undefined;
  locale: string | undefined;
  theme: 'light' | 'dark';
  addEventListener<K extends keyof QueuetixEventMap>(
    type: K,
    listener: (this: QueuetixTicketWidgetElement, ev: QueuetixEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'queuetix-ticket-widget': QueuetixTicketWidgetElement;
  }
  // The events bubble and are composed: a listener on document hears every widget.
  interface DocumentEventMap extends QueuetixEventMap {}
}
