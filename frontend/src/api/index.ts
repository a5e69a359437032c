/**
 * The one typed client of the Queuetix public API (docs/api.md). Types come from the shared contracts;
 * `import type` keeps zod out of the initial bundle (forms load the schemas in their own chunks).
 */
import type {
  Availability,
  CancelEventResponse,
  CheckInPass,
  CheckInPassList,
  CheckInResponse,
  CreateCheckInPassResponse,
  DoorCount,
  CheckoutResponse,
  CreateEventRequest,
  CheckoutSessionState,
  CheckCodeResponse,
  Code,
  CodeList,
  CreateCodeRequest,
  JoinQueueRequest,
  OrderItem,
  DemoCheckoutCompleteResponse,
  DemoCheckoutSession,
  DevSignInRequest,
  DevSignInResponse,
  EmbedTokenResponse,
  DrawRecord,
  Entry,
  Event,
  MeResponse,
  Page,
  PowChallenge,
  PublicConfig,
  SalesReport,
  SearchEventsQuery,
  SellerEvent,
  StripeAccountLinkResponse,
  StripeAccountResponse,
  StripeStatusResponse,
  Ticket,
  UpdateEventRequest,
} from '@queuetix/contracts';
import { download, request, withQuery } from './http';
import { uploadWithProgress } from './upload';

export { ApiError, setTokenSource } from './http';

export type { Page };

/** A search as the site builds it: the server's query, every field optional (the server fills in defaults). */
export type EventSearch = Partial<SearchEventsQuery>;

const id = encodeURIComponent;

export const api = {
  config: () => request<PublicConfig>('GET', '/api/config'),

  auth: {
    devSignIn: (body: DevSignInRequest) => request<DevSignInResponse>('POST', '/api/dev/sign-in', body),
    me: () => request<MeResponse>('GET', '/api/me'),
    setEmail: (email: string) => request<MeResponse>('PUT', '/api/me/email', { email }),
  },

  door: {
    passes: (eventId: string) => request<CheckInPassList>('GET', `/api/events/${id(eventId)}/check-in-passes`).then((r) => r.items),
    createPass: (eventId: string, label: string) => request<CreateCheckInPassResponse>('POST', `/api/events/${id(eventId)}/check-in-passes`, { label }),
    revokePass: (eventId: string, passId: string) => request<CheckInPass>('DELETE', `/api/events/${id(eventId)}/check-in-passes/${id(passId)}`),
    /** With `passToken`, as door staff; without, as the signed-in owner. */
    count: (eventId: string, passToken?: string) => request<DoorCount>('GET', `/api/events/${id(eventId)}/door`, undefined, { token: passToken }),
    checkIn: (eventId: string, code: string, passToken: string) =>
      request<CheckInResponse>('POST', `/api/events/${id(eventId)}/check-in`, { code }, { token: passToken }),
  },

  embed: {
    /** A scoped token for the site at `origin` (the widget's host page), for one event only. */
    token: (eventId: string, origin: string) => request<EmbedTokenResponse>('POST', '/api/embed/token', { eventId, origin }),
  },

  events: {
    search: (q: EventSearch, signal?: AbortSignal) => request<Page<Event>>('GET', withQuery('/api/events', { ...q }), undefined, { signal }),
    get: (eventId: string) => request<Event>('GET', `/api/events/${id(eventId)}`),
    availability: (eventId: string) => request<Availability>('GET', `/api/events/${id(eventId)}/availability`),
    create: (body: CreateEventRequest) => request<Event>('POST', '/api/events', body),
    update: (eventId: string, body: UpdateEventRequest) => request<Event>('PATCH', `/api/events/${id(eventId)}`, body),
    publish: (eventId: string) => request<Event>('POST', `/api/events/${id(eventId)}/publish`),
    cancel: (eventId: string) => request<CancelEventResponse>('POST', `/api/events/${id(eventId)}/cancel`),
    uploadImage: (eventId: string, file: File, onProgress: (fraction: number) => void) =>
      uploadWithProgress(`/api/events/${id(eventId)}/image`, 'image', file, onProgress),
  },

  codes: {
    check: (eventId: string, code: string) => request<CheckCodeResponse>('POST', `/api/events/${id(eventId)}/codes/check`, { code }),
    list: (eventId: string) => request<CodeList>('GET', `/api/events/${id(eventId)}/codes`).then((r) => r.items),
    create: (eventId: string, body: CreateCodeRequest) => request<Code>('POST', `/api/events/${id(eventId)}/codes`, body),
  },

  draw: (eventId: string) => request<DrawRecord>('GET', `/api/events/${id(eventId)}/draw`),

  queue: {
    /** `want`: a number of the first visible type (legacy), or items per type with the codes that go with them. */
    join: (
      eventId: string,
      want: Pick<JoinQueueRequest, 'quantity' | 'items' | 'accessCode' | 'discountCode'>,
      options: { notifyByEmail?: boolean; pow?: string } = {},
    ) =>
      request<Entry>('POST', `/api/events/${id(eventId)}/queue`, {
        ...want,
        ...(options.notifyByEmail ? { notifyByEmail: true } : {}),
        ...(options.pow ? { pow: options.pow } : {}),
      }),
    /** A waiting entry asks for something else and keeps its place. */
    change: (eventId: string, items: OrderItem[]) => request<Entry>('PATCH', `/api/events/${id(eventId)}/queue/me`, { items }),
    challenge: (eventId: string) => request<PowChallenge>('GET', `/api/events/${id(eventId)}/queue/challenge`),
    /** The buyer's entry, or null when they never joined (204: not an error, nothing in the console). */
    mine: (eventId: string) => request<Entry | undefined>('GET', `/api/events/${id(eventId)}/queue/me?ifAny=true`).then((e) => e ?? null),
    leave: (eventId: string) => request<Entry>('DELETE', `/api/events/${id(eventId)}/queue/me`),
  },

  checkout: {
    start: (eventId: string, discountCode?: string) =>
      request<CheckoutResponse>('POST', `/api/events/${id(eventId)}/checkout`, { flow: 'site', ...(discountCode ? { discountCode } : {}) }),
    session: (sessionId: string) => request<CheckoutSessionState>('GET', `/api/checkout/sessions/${id(sessionId)}`),
    demoSession: (sessionId: string) => request<DemoCheckoutSession>('GET', `/api/demo-checkout/${id(sessionId)}`),
    demoComplete: (sessionId: string) => request<DemoCheckoutCompleteResponse>('POST', `/api/demo-checkout/${id(sessionId)}/complete`),
  },

  tickets: {
    mine: () => request<Ticket[] | Page<Ticket>>('GET', '/api/tickets?pageSize=100').then(itemsOf),
    get: (ticketId: string) => request<Ticket>('GET', `/api/tickets/${id(ticketId)}`),
    pdf: (ticketId: string) => download(`/api/tickets/${id(ticketId)}/pdf`),
    checkIn: (eventId: string, code: string, door?: string) =>
      request<CheckInResponse>('POST', `/api/events/${id(eventId)}/check-in`, door ? { code, door } : { code }),
  },

  seller: {
    events: () => request<SellerEvent[] | Page<SellerEvent>>('GET', '/api/seller/events?pageSize=100').then(itemsOf),
    sales: (eventId: string) => request<SalesReport>('GET', `/api/seller/events/${id(eventId)}/sales`),
    ordersCsv: (eventId: string) => download(`/api/seller/events/${id(eventId)}/orders.csv`),
    createStripeAccount: () => request<StripeAccountResponse>('POST', '/api/seller/stripe/account'),
    accountLink: () => request<StripeAccountLinkResponse>('POST', '/api/seller/stripe/account-link'),
    stripeStatus: () => request<StripeStatusResponse>('GET', '/api/seller/stripe/status'),
  },
};

/** docs/api.md says lists are `{ items, total, page, pageSize }`; accept a bare array too for the "my …" lists. */
function itemsOf<T>(body: T[] | Page<T>): T[] {
  return Array.isArray(body) ? body : body.items;
}
