import type { CheckCodeResponse, CheckoutResponse, Entry, Event, JoinQueueRequest, OrderItem, PowChallenge, PublicConfig, Ticket } from '@queuetix/contracts';
import { WidgetError, type WidgetErrorCode } from './errors.js';
import {
  isAnything,
  isCheckCodeResponse,
  isCheckoutResponse,
  isEntry,
  isErrorBody,
  isEvent,
  isPowChallenge,
  isPublicConfig,
  isTicketArray,
  isTicketList,
} from './guards.js';

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string | null;
  accept: (value: unknown) => value is T;
}

/** The one typed client of the public Queuetix API used by the widget (CORS, bearer token, no cookies). */
export class QueuetixApi {
  constructor(readonly origin: string) {}

  config(): Promise<PublicConfig> {
    return this.request('/api/config', { accept: isPublicConfig }).then((r) => r.data);
  }

  event(eventId: string): Promise<Event> {
    return this.request(`/api/events/${encodeURIComponent(eventId)}`, { accept: isEvent }).then((r) => r.data);
  }

  /** The buyer's entry for this event, or null when they have none. */
  async myEntry(eventId: string, token: string): Promise<Entry | null> {
    try {
      return (await this.request(this.queuePath(eventId, '/me'), { token, accept: isEntry })).data;
    } catch (error) {
      if (error instanceof WidgetError && error.code === 'not_found') return null;
      throw error;
    }
  }

  /**
   * Joins the line with `want` (items per type, or a number of the first type, plus any codes);
   * `existing` is true when the buyer already had a live entry (HTTP 200, not 201).
   */
  async join(
    eventId: string,
    want: Pick<JoinQueueRequest, 'quantity' | 'items' | 'accessCode' | 'discountCode'>,
    token: string,
    options: { notifyByEmail?: boolean; pow?: string } = {},
  ): Promise<{ entry: Entry; existing: boolean }> {
    const body = { ...want, ...(options.notifyByEmail ? { notifyByEmail: true } : {}), ...(options.pow ? { pow: options.pow } : {}) };
    const reply = await this.request(this.queuePath(eventId), { method: 'POST', body, token, accept: isEntry });
    return { entry: reply.data, existing: reply.status === 200 };
  }

  /** A waiting entry asks for other tickets and keeps its place. */
  change(eventId: string, items: OrderItem[], token: string): Promise<Entry> {
    return this.request(this.queuePath(eventId, '/me'), { method: 'PATCH', body: { items }, token, accept: isEntry }).then((r) => r.data);
  }

  /** What an access or discount code does for this event now (code_invalid when it does nothing). */
  checkCode(eventId: string, code: string, token: string): Promise<CheckCodeResponse> {
    const path = `/api/events/${encodeURIComponent(eventId)}/codes/check`;
    return this.request(path, { method: 'POST', body: { code }, token, accept: isCheckCodeResponse }).then((r) => r.data);
  }

  /** A proof-of-work challenge for joining (events with powMode on or auto). */
  challenge(eventId: string, token: string): Promise<PowChallenge> {
    return this.request(this.queuePath(eventId, '/challenge'), { token, accept: isPowChallenge }).then((r) => r.data);
  }

  leave(eventId: string, token: string): Promise<Entry> {
    return this.request(this.queuePath(eventId, '/me'), { method: 'DELETE', token, accept: isEntry }).then((r) => r.data);
  }

  checkout(eventId: string, token: string, discountCode?: string): Promise<CheckoutResponse> {
    const path = `/api/events/${encodeURIComponent(eventId)}/checkout`;
    const body = { flow: 'popup', ...(discountCode ? { discountCode } : {}) };
    return this.request(path, { method: 'POST', body, token, accept: isCheckoutResponse }).then((r) => r.data);
  }

  async myTickets(eventId: string, token: string): Promise<Ticket[]> {
    // An embed token reaches the ticket list only for its own event (?eventId=).
    const { data } = await this.request(`/api/tickets?pageSize=100&eventId=${encodeURIComponent(eventId)}`, { token, accept: isAnything });
    const tickets = isTicketList(data) ? data.items : isTicketArray(data) ? data : null;
    if (!tickets) throw new WidgetError('invalid_response', 'Unexpected ticket list from the API');
    return tickets.filter((t) => t.eventId === eventId);
  }

  private queuePath(eventId: string, suffix = ''): string {
    return `/api/events/${encodeURIComponent(eventId)}/queue${suffix}`;
  }

  private async request<T>(path: string, options: RequestOptions<T>): Promise<{ status: number; data: T }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await fetch(this.origin + path, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        mode: 'cors',
        credentials: 'omit',
        signal: AbortSignal.timeout(20_000),
      });
    } catch {
      // A CORS refusal and a dead network look the same from here (a TypeError); the caller tells them apart.
      throw new WidgetError('network', 'Could not reach Queuetix');
    }
    const data: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw errorFromResponse(response.status, data);
    if (!options.accept(data)) throw new WidgetError('invalid_response', `Unexpected answer from ${path}`, response.status);
    return { status: response.status, data };
  }
}

function errorFromResponse(status: number, body: unknown): WidgetError {
  if (isErrorBody(body)) return new WidgetError(body.error.code, body.error.message, status);
  const byStatus: Record<number, WidgetErrorCode> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 429: 'rate_limited' };
  return new WidgetError(byStatus[status] ?? (status >= 500 ? 'unavailable' : 'unknown'), `HTTP ${status}`, status);
}
