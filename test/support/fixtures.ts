/** Builders for test data through the public API only. */
import type { Api } from './api.js';

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Test Show',
    description: 'A test event',
    location: 'Test Hall',
    eventDate: inDays(30),
    price: 2500,
    currency: 'usd',
    totalTickets: 10,
    maxPerBuyer: 4,
    offerWindowSec: 600,
    ...overrides,
  };
}

/** Creates an event as the given seller and returns it (throws with the server's answer otherwise). */
export async function createEvent(seller: Api, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await seller.post('/api/events', eventBody(overrides));
  if (res.status !== 201) throw new Error(`create event failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Signs in `count` buyers concurrently (in small batches: sign-in writes a user each). */
export async function signInBuyers(api: Api, count: number, prefix = 'buyer'): Promise<Api[]> {
  const out: Api[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => api.signIn(`${prefix} ${i + k}`, 'buyer').then((s) => s.api)));
    out.push(...batch);
  }
  return out;
}

/** Pays for the buyer's live offer through demo checkout (the same purchase path as a webhook). */
export async function payOffer(buyer: Api, eventId: string): Promise<any[]> {
  const checkout = await buyer.post(`/api/events/${eventId}/checkout`, { flow: 'site' });
  if (checkout.status !== 200 && checkout.status !== 201) throw new Error(`checkout failed: ${checkout.status} ${JSON.stringify(checkout.body)}`);
  const done = await buyer.post(`/api/demo-checkout/${checkout.body.sessionId}/complete`, {});
  if (done.status !== 200) throw new Error(`demo complete failed: ${done.status} ${JSON.stringify(done.body)}`);
  return done.body.tickets;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
