/**
 * Small hand-written shape checks for everything that crosses the wire into the widget.
 * zod would validate the same contracts but costs more than the widget's whole size budget,
 * so we check the fields the widget actually reads and ignore the rest. Each check is typed
 * against the contract (`@queuetix/contracts`): a renamed field, a field of another type or a
 * changed enum there is a type error here (test/widget/guards.test.ts feeds them zod-valid samples).
 */
import type {
  Availability,
  AvailabilityMessage,
  CheckCodeResponse,
  OfferedItem,
  OrderItem,
  TicketType,
  TypeAvailability,
  CheckoutResponse,
  EmbedCheckoutMessage,
  EmbedTokenMessage,
  Entry,
  EntryStatus,
  ErrorBody,
  Event,
  PowChallenge,
  PowMode,
  PublicConfig,
  Ticket,
  TicketList,
  TicketStatus,
} from '@queuetix/contracts';
import { isErrorCode } from '@queuetix/contracts/error-codes';

type Guard<T> = (value: unknown) => value is T;

/** Checks for some of T's fields; a check may let an absent field through (older or newer servers). */
type Checks<T> = { [K in keyof T]?: Guard<T[K]> | Guard<T[K] | undefined> };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const optional =
  <T>(check: Guard<T>): Guard<T | undefined> =>
  (v): v is T | undefined =>
    v === undefined || check(v);
const nullable =
  <T>(check: Guard<T>): Guard<T | null> =>
  (v): v is T | null =>
    v === null || check(v);
const arrayOf =
  <T>(check: Guard<T>): Guard<T[]> =>
  (v): v is T[] =>
    Array.isArray(v) && v.every(check);

/** Exactly the members of a contract's enum: listing every one as a key makes a changed enum a type error. */
function oneOf<T extends string>(members: Record<T, true>): Guard<T> {
  return (v): v is T => isString(v) && Object.hasOwn(members, v);
}

function shape<T>(checks: Checks<T>): Guard<T> {
  const entries = Object.entries(checks) as [string, (v: unknown) => boolean][];
  return (value: unknown): value is T => isObject(value) && entries.every(([key, check]) => check(value[key]));
}

const isTypeAvailability = shape<TypeAvailability>({ typeId: isString, free: isNumber, soldOut: isBoolean });

const availabilityFields: Checks<Availability> = {
  total: isNumber,
  sold: isNumber,
  held: isNumber,
  free: isNumber,
  waiting: isNumber,
  soldOut: isBoolean,
  salesOpen: isBoolean,
  types: optional(arrayOf(isTypeAvailability)),
};

export const isAvailabilityMessage = shape<AvailabilityMessage>({ eventId: isString, ...availabilityFields });

const isTicketType = shape<TicketType>({
  id: isString,
  name: isString,
  price: isNumber,
  maxPerBuyer: isNumber,
  salesStartAt: optional(nullable(isString)),
  salesEndAt: optional(nullable(isString)),
  hidden: optional(isBoolean),
});
const isOrderItem = shape<OrderItem>({ typeId: isString, quantity: isNumber });
const isOfferedItem = shape<OfferedItem>({ typeId: isString, quantity: isNumber, unitPrice: isNumber, discountPerTicket: isNumber });

export const isCheckCodeResponse = shape<CheckCodeResponse>({
  code: isString,
  kind: oneOf<CheckCodeResponse['kind']>({ access: true, discount: true }),
  unlocks: optional(arrayOf(isTicketType)),
});

export const isEvent = shape<Event>({
  id: isString,
  name: isString,
  location: isString,
  eventDate: isString,
  timeZone: optional(nullable(isString)),
  price: isNumber,
  currency: isString,
  maxPerBuyer: isNumber,
  isCancelled: isBoolean,
  salesStartAt: optional(nullable(isString)),
  imageUrl: optional(nullable(isString)),
  drawCommitment: optional(nullable(isString)),
  powMode: optional(oneOf<PowMode>({ off: true, on: true, auto: true })),
  ticketTypes: optional(arrayOf(isTicketType)),
  availability: shape<Availability>(availabilityFields),
});

export const isPowChallenge = shape<PowChallenge>({
  algorithm: oneOf<PowChallenge['algorithm']>({ 'SHA-256': true }),
  challenge: isString,
  maxnumber: isNumber,
  salt: isString,
  signature: isString,
  expiresAt: isString,
  required: isBoolean,
});

export const isEntry = shape<Entry>({
  id: isString,
  eventId: isString,
  quantity: isNumber,
  status: oneOf<EntryStatus>({ waiting: true, offered: true, purchased: true, expired: true, left: true }),
  position: optional(isNumber),
  ahead: optional(isNumber),
  inLottery: optional(isBoolean),
  offerId: optional(isString),
  offeredQuantity: optional(isNumber),
  offerExpiresAt: optional(isString),
  outcome: optional(isString),
  soldOut: optional(isBoolean),
  items: optional(arrayOf(isOrderItem)),
  offeredItems: optional(arrayOf(isOfferedItem)),
  amount: optional(isNumber),
  discountCode: optional(isString),
  unavailableTypeIds: optional(arrayOf(isString)),
});

export const isTicket = shape<Ticket>({
  id: isString,
  eventId: isString,
  status: oneOf<TicketStatus>({ valid: true, used: true, refunded: true }),
  code: isString,
  amount: isNumber,
  currency: isString,
});

export const isTicketArray = arrayOf(isTicket);

export const isTicketList = shape<TicketList>({ items: isTicketArray });

export const isPublicConfig = shape<PublicConfig>({
  authMode: oneOf<PublicConfig['authMode']>({ clerk: true, dev: true }),
  paymentMode: oneOf<PublicConfig['paymentMode']>({ stripe: true, demo: true }),
  demo: isBoolean,
});

export const isCheckoutResponse = shape<CheckoutResponse>({ url: isString, sessionId: isString });

export const isErrorBody = shape<ErrorBody>({ error: shape<ErrorBody['error']>({ code: isErrorCode, message: isString }) });

export const isTokenMessage = shape<EmbedTokenMessage>({
  type: oneOf<EmbedTokenMessage['type']>({ 'queuetix:token': true }),
  token: (v): v is string => isString(v) && v.length > 0 && v.length < 8192,
  user: shape<EmbedTokenMessage['user']>({ id: isString, name: isString }),
  eventId: isString,
  expiresAt: isString,
});

export const isCheckoutMessage = shape<EmbedCheckoutMessage>({
  type: oneOf<EmbedCheckoutMessage['type']>({ 'queuetix:checkout': true }),
  status: oneOf<EmbedCheckoutMessage['status']>({ success: true, cancel: true }),
  sessionId: optional(isString),
});

export const isAnything = (_v: unknown): _v is unknown => true;
