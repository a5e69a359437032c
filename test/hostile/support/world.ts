/**
 * The world every hostile test attacks: one backend (demo payments, limits off) with two sellers,
 * their events, and buyers in every interesting state — a paid buyer with tickets, a buyer with an
 * open checkout, a buyer with a live offer, a waiting buyer. `fingerprint()` reads everything
 * these people can see, so a test can prove that bad input changed nothing.
 */
import { Api } from '../../support/api.js';
import { startBackend, type Backend } from '../../support/backend.js';
import { createEvent, payOffer } from '../../support/fixtures.js';

export interface Person {
  api: Api;
  token: string;
  userId: string;
}

export interface World {
  backend: Backend;
  anonymous: Api;
  sellerA: Person;
  sellerB: Person;
  /** Paid on event A: holds tickets. */
  paid: Person;
  /** Offered on event B with an open demo checkout session. */
  checkingOut: Person;
  /** Offered on event A, no checkout yet. */
  offered: Person;
  /** Waiting on event B. */
  waiting: Person;
  eventA: string;
  eventB: string;
  ticketIds: string[];
  ticketCodes: string[];
  sessionId: string;
  fingerprint(): Promise<string>;
}

let shared: Promise<World> | undefined;

/** One world per test process, built on first use. */
export function hostileWorld(): Promise<World> {
  shared ??= build();
  return shared;
}

async function person(base: Api, name: string, role: 'buyer' | 'seller'): Promise<Person> {
  const { api, token, user } = await base.signIn(name, role);
  return { api, token, userId: user.id };
}

async function build(): Promise<World> {
  // The socket fuzzing sends thousands of messages on one connection to check each answer; the
  // watch budget (test/realtime/socket-limits.test.ts) would answer most of them rate_limited instead.
  const backend = await startBackend({ label: 'hostile', env: { JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0', SOCKET_WATCH_RATE: '0' } });
  const anonymous = new Api(backend.url);
  const sellerA = await person(anonymous, 'Seller A', 'seller');
  const sellerB = await person(anonymous, 'Seller B', 'seller');
  const eventA = (await createEvent(sellerA.api, { name: 'Hostile A', totalTickets: 6, maxPerBuyer: 4 })).id as string;
  const eventB = (await createEvent(sellerB.api, { name: 'Hostile B', totalTickets: 1, maxPerBuyer: 2 })).id as string;

  const paid = await person(anonymous, 'Paid Buyer', 'buyer');
  expect201(await paid.api.post(`/api/events/${eventA}/queue`, { quantity: 2 }));
  const tickets = await payOffer(paid.api, eventA);
  const offered = await person(anonymous, 'Offered Buyer', 'buyer');
  expect201(await offered.api.post(`/api/events/${eventA}/queue`, { quantity: 1 }));
  const checkingOut = await person(anonymous, 'Checking-out Buyer', 'buyer');
  expect201(await checkingOut.api.post(`/api/events/${eventB}/queue`, { quantity: 1 }));
  const session = await checkingOut.api.post(`/api/events/${eventB}/checkout`, { flow: 'site' });
  if (session.status !== 200) throw new Error(`checkout: ${session.status} ${JSON.stringify(session.body)}`);
  const waiting = await person(anonymous, 'Waiting Buyer', 'buyer');
  expect201(await waiting.api.post(`/api/events/${eventB}/queue`, { quantity: 2 }));

  const world: World = {
    backend,
    anonymous,
    sellerA,
    sellerB,
    paid,
    checkingOut,
    offered,
    waiting,
    eventA,
    eventB,
    ticketIds: tickets.map((t: { id: string }) => t.id),
    ticketCodes: tickets.map((t: { code: string }) => t.code),
    sessionId: session.body.sessionId,
    fingerprint: () => fingerprint(world),
  };
  return world;
}

function expect201(res: { status: number; body: unknown }): void {
  if (res.status !== 201) throw new Error(`join: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Everything the world's people can read, as one string (times of reads excluded). */
async function fingerprint(w: World): Promise<string> {
  const reads: Array<[string, Api, string]> = [
    ['event A', w.anonymous, `/api/events/${w.eventA}`],
    ['event B', w.anonymous, `/api/events/${w.eventB}`],
    ['search', w.anonymous, '/api/events?pageSize=100'],
    ['seller A events', w.sellerA.api, '/api/seller/events'],
    ['seller B events', w.sellerB.api, '/api/seller/events'],
    ['sales A', w.sellerA.api, `/api/seller/events/${w.eventA}/sales`],
    ['sales B', w.sellerB.api, `/api/seller/events/${w.eventB}/sales`],
    ['paid: entry', w.paid.api, `/api/events/${w.eventA}/queue/me`],
    ['paid: tickets', w.paid.api, '/api/tickets'],
    ['paid: me', w.paid.api, '/api/me'],
    ['offered: entry', w.offered.api, `/api/events/${w.eventA}/queue/me`],
    ['offered: tickets', w.offered.api, '/api/tickets'],
    ['checking out: entry', w.checkingOut.api, `/api/events/${w.eventB}/queue/me`],
    ['checking out: session', w.checkingOut.api, `/api/demo-checkout/${w.sessionId}`],
    ['waiting: entry', w.waiting.api, `/api/events/${w.eventB}/queue/me`],
    ['seller A: me', w.sellerA.api, '/api/me'],
  ];
  const out: Record<string, unknown> = {};
  for (const [name, api, path] of reads) {
    const res = await api.get(path);
    out[name] = { status: res.status, body: res.body };
  }
  return JSON.stringify(out);
}
