/**
 * One buyer paying their offer through demo checkout, through crashes and outages: a lost answer
 * is retried (checkout returns the same open session; completing a session twice issues once),
 * until the server says something final. What the buyer saw is kept for the audit.
 */
import { call, sleep, type Answer, type Tally } from './http.js';

export type PaymentState = 'paying' | 'paid' | 'expired' | 'refunded' | 'unsettled';

export interface PaymentRecord {
  userId: string;
  entryId: string;
  offerId?: string;
  quantity: number;
  offerExpiresAt: number;
  sessionId?: string;
  /** Complete requests sent: once one is sent, a purchase may exist for it. */
  completesSent: number;
  state: PaymentState;
  tickets: string[];
  attempts: number;
  /** A complete that succeeded though it was sent after the offer's deadline. */
  paidAfterDeadlineMs?: number;
}

export interface PayContext {
  base: () => string;
  eventId: string;
  tally: Tally;
  /** Stop retrying (the run is over); the payment stays 'unsettled' for settle() to finish. */
  stopped: () => boolean;
  retryDelayMs?: number;
}

const transient = (a: Answer) => a.status === 0 || a.status === 503 || a.status >= 500;

/** Drives one payment until it is paid, refused for good, or the run stops. */
export async function pay(token: string, record: PaymentRecord, ctx: PayContext): Promise<void> {
  const delay = ctx.retryDelayMs ?? 200;
  while (record.state === 'paying' || record.state === 'unsettled') {
    if (ctx.stopped()) {
      record.state = 'unsettled';
      return;
    }
    record.state = 'paying';
    record.attempts += 1;
    if (!record.sessionId) {
      const started = await call(ctx.base(), 'POST', `/api/events/${ctx.eventId}/checkout`, { token, body: { flow: 'site' } });
      ctx.tally.add(started);
      if (started.status === 200 || started.status === 201) {
        record.sessionId = started.body.sessionId;
      } else if (started.code === 'offer_expired') {
        record.state = 'expired';
      } else if (!transient(started)) {
        record.state = 'expired';
      } else {
        await sleep(delay);
      }
      continue;
    }
    record.completesSent += 1;
    const done = await call(ctx.base(), 'POST', `/api/demo-checkout/${record.sessionId}/complete`, { token, body: {} });
    ctx.tally.add(done);
    if (done.status === 200) {
      record.state = 'paid';
      record.tickets = (done.body.tickets as Array<{ id: string }>).map((t) => t.id);
      const late = done.sentAt - record.offerExpiresAt;
      // Only a first complete proves the server took the payment late; a retry may fetch an earlier one.
      if (late > 0 && record.completesSent === 1) record.paidAfterDeadlineMs = late;
    } else if (done.code === 'offer_expired') {
      record.state = 'expired';
    } else if (done.status === 409 && (done.body as { error?: { details?: { refunded?: boolean } } })?.error?.details?.refunded) {
      record.state = 'refunded';
    } else if (transient(done)) {
      await sleep(delay);
    } else {
      record.state = 'expired';
    }
  }
}
