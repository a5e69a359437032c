/**
 * Small hand-written shape checks for everything that crosses the wire into the widget.
 * zod would validate the same contracts but costs more than the widget's whole size budget,
 * so we check the fields the widget actually reads and ignore the rest.
 */
import type {
  AvailabilityMessage,
  EmbedMessage,
  Entry,
  ErrorBody,
  Event,
  PowChallenge,
  PublicConfig,
  Ticket,
} from '@queuetix/backend/contracts';

type Guard<T> = (value: unknown) => value is T;
type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const optional = (check: (v: unknown) => boolean) => (v: unknown) => v === undefined || check(v);
const nullable = (check: (v: unknown) => boolean) => (v: unknown) => v === null || check(v);
const oneOf = (...values: string[]) => (v: unknown) => isString(v) && values.includes(v);

function shape<T>(checks: Record<string, (v: unknown) => boolean>): Guard<T> {
  return (value: unknown): value is T =>
    isObject(value) && Object.entries(checks).every(([key, check]) => check(value[key]));
}

const availabilityFields = {
  total: isNumber,
  sold: isNumber,
  held: isNumber,
  free: isNumber,
  waiting: isNumber,
  soldOut: isBoolean,
  salesOpen: isBoolean,
};

export const isAvailabilityMessage: Guard<AvailabilityMessage> = shape({ eventId: isString, ...availabilityFields });

export const isEvent: Guard<Event> = shape({
  id: isString,
  name: isString,
  location: isString,
  eventDate: isString,
  price: isNumber,
  currency: isString,
  maxPerBuyer: isNumber,
  isCancelled: isBoolean,
  salesStartAt: optional(nullable(isString)),
  imageUrl: optional(nullable(isString)),
  drawCommitment: optional(nullable(isString)),
  powMode: optional(oneOf('off', 'on', 'auto')),
  availability: shape(availabilityFields),
});

export const isPowChallenge: Guard<PowChallenge> = shape({
  algorithm: oneOf('SHA-256'),
  challenge: isString,
  maxnumber: isNumber,
  salt: isString,
  signature: isString,
  expiresAt: isString,
  required: isBoolean,
});

export const isEntry: Guard<Entry> = shape({
  id: isString,
  eventId: isString,
  quantity: isNumber,
  status: oneOf('waiting', 'offered', 'purchased', 'expired', 'left'),
  position: optional(isNumber),
  ahead: optional(isNumber),
  inLottery: optional(isBoolean),
  offerId: optional(isString),
  offeredQuantity: optional(isNumber),
  offerExpiresAt: optional(isString),
  outcome: optional(isString),
});

export const isTicket: Guard<Ticket> = shape({
  id: isString,
  eventId: isString,
  status: oneOf('valid', 'used', 'refunded'),
  code: isString,
  amount: isNumber,
  currency: isString,
});

export const isTicketList = (v: unknown): v is { items: Ticket[] } =>
  isObject(v) && Array.isArray(v.items) && v.items.every(isTicket);

export const isTicketArray = (v: unknown): v is Ticket[] => Array.isArray(v) && v.every(isTicket);

export const isPublicConfig: Guard<PublicConfig> = shape({
  authMode: oneOf('clerk', 'dev'),
  paymentMode: oneOf('stripe', 'demo'),
});

export const isCheckoutResponse: Guard<{ url: string; sessionId: string }> = shape({ url: isString, sessionId: isString });

export const isErrorBody: Guard<ErrorBody> = shape({ error: shape({ code: isString, message: isString }) });

type TokenMessage = Extract<EmbedMessage, { type: 'queuetix:token' }>;
type CheckoutMessage = Extract<EmbedMessage, { type: 'queuetix:checkout' }>;

export const isTokenMessage: Guard<TokenMessage> = shape({
  type: oneOf('queuetix:token'),
  token: (v) => isString(v) && v.length > 0 && v.length < 8192,
  user: shape({ id: isString, name: isString }),
});

export const isCheckoutMessage: Guard<CheckoutMessage> = shape({
  type: oneOf('queuetix:checkout'),
  status: oneOf('success', 'cancel'),
  sessionId: optional(isString),
});

export const isAnything = (_v: unknown): _v is unknown => true;
