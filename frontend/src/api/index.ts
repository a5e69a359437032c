/**
 * The one typed client of the Queuetix public API (api.md). Types come from the shared contracts;
 * `import type` keeps zod out of the initial bundle (forms load the schemas in their own chunks).
 */
import type {
  Availability,
  CancelEventResponse,
  CheckInResponse,
  CheckoutResponse,
  CreateEventRequest,
  DemoCheckoutSession,
  DevSignInResponse,
  DrawRecord,
  Entry,
  Event,
  PowChallenge,
  PublicConfig,
  Role,
  SalesReport,
  SellerEvent,
  Ticket,
  UpdateEventRequest,
  User,
} from '@queuetix/backend/contracts';
import { request, withQuery } from './http';
import { uploadWithProgress } from './upload';

export { ApiError, setTokenSource } from './http';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface EventSearch {
  q?: string;
  from?: string;
  to?: string;
  minPrice?: number;
  maxPrice?: number;
  available?: boolean;
  page?: number;
  pageSize?: number;
}

const id = encodeURIComponent;

export const api = {
  config: () => request<PublicConfig>('GET', '/api/config'),

  auth: {
    devSignIn: (body: { name: string; role: Role; userId?: string }) => request<DevSignInResponse>('POST', '/api/dev/sign-in', body),
    me: () => request<{ user: User }>('GET', '/api/me'),
  },

  events: {
    search: (q: EventSearch, signal?: AbortSignal) => request<Page<Event>>('GET', withQuery('/api/events', { ...q }), undefined, { signal }),
    get: (eventId: string) => request<Event>('GET', `/api/events/${id(eventId)}`),
    availability: (eventId: string) => request<Availability>('GET', `/api/events/${id(eventId)}/availability`),
    create: (body: CreateEventRequest) => request<Event>('POST', '/api/events', body),
    update: (eventId: string, body: UpdateEventRequest) => request<Event>('PATCH', `/api/events/${id(eventId)}`, body),
    cancel: (eventId: string) => request<CancelEventResponse>('POST', `/api/events/${id(eventId)}/cancel`),
    uploadImage: (eventId: string, file: File, onProgress: (fraction: number) => void) =>
      uploadWithProgress(`/api/events/${id(eventId)}/image`, 'image', file, onProgress),
  },

  draw: (eventId: string) => request<DrawRecord>('GET', `/api/events/${id(eventId)}/draw`),

  queue: {
    join: (eventId: string, quantity: number, pow?: string) => request<Entry>('POST', `/api/events/${id(eventId)}/queue`, pow ? { quantity, pow } : { quantity }),
    challenge: (eventId: string) => request<PowChallenge>('GET', `/api/events/${id(eventId)}/queue/challenge`),
    mine: (eventId: string) => request<Entry>('GET', `/api/events/${id(eventId)}/queue/me`),
    leave: (eventId: string) => request<Entry>('DELETE', `/api/events/${id(eventId)}/queue/me`),
  },

  checkout: {
    start: (eventId: string) => request<CheckoutResponse>('POST', `/api/events/${id(eventId)}/checkout`, { flow: 'site' }),
    demoSession: (sessionId: string) => request<DemoCheckoutSession>('GET', `/api/demo-checkout/${id(sessionId)}`),
    demoComplete: (sessionId: string) => request<{ tickets: Ticket[] }>('POST', `/api/demo-checkout/${id(sessionId)}/complete`),
  },

  tickets: {
    mine: () => request<Ticket[] | Page<Ticket>>('GET', '/api/tickets?pageSize=100').then(itemsOf),
    get: (ticketId: string) => request<Ticket>('GET', `/api/tickets/${id(ticketId)}`),
    checkIn: (eventId: string, code: string) => request<CheckInResponse>('POST', `/api/events/${id(eventId)}/check-in`, { code }),
  },

  seller: {
    events: () => request<SellerEvent[] | Page<SellerEvent>>('GET', '/api/seller/events?pageSize=100').then(itemsOf),
    sales: (eventId: string) => request<SalesReport>('GET', `/api/seller/events/${id(eventId)}/sales`),
    createStripeAccount: () => request<{ accountId: string }>('POST', '/api/seller/stripe/account'),
    accountLink: () => request<{ url: string }>('POST', '/api/seller/stripe/account-link'),
    stripeStatus: () =>
      request<{ accountId: string | null; detailsSubmitted: boolean; chargesEnabled: boolean; payoutsEnabled: boolean }>(
        'GET',
        '/api/seller/stripe/status',
      ),
  },
};

/** api.md says lists are `{ items, total, page, pageSize }`; accept a bare array too for the "my …" lists. */
function itemsOf<T>(body: T[] | Page<T>): T[] {
  return Array.isArray(body) ? body : body.items;
}
