/**
 * Webhook storm: every Stripe event of an on-sale (signed) delivered three times, shuffled, some
 * at once, expirations before completions, events we do not handle in between, and payments that
 * land after their offer was given back. Tickets are issued once per payment; a payment whose
 * tickets are gone is refunded once; the endpoint never answers 5xx.
 */
import { MongoClient } from 'mongodb';
import { startStripeMock, type StripeMock } from '../../test/support/stripe-mock.js';
import { createEvent, mintBuyers, signInSeller, type Buyer } from '../support/buyers.js';
import type { Harness } from '../support/harness.js';
import { call, Tally } from '../support/http.js';
import { newPaymentIntent, sessionCompleted, sessionExpired, unrelated, type PaidSession } from '../support/stripe-events.js';
import { prng } from './crash-loop.js';

export interface WebhookStormOptions {
  buyers: number;
  tickets: number;
  /** Buyers who give their offer back after starting checkout, then pay anyway (a late payment). */
  givenBack: number;
  concurrency: number;
}

export interface WebhookStormReport {
  sessions: number;
  deliveries: number;
  answers: Record<string, number>;
  duplicatesAcknowledged: number;
  ticketsIssued: number;
  sold: number;
  refundsAtStripe: number;
  violations: string[];
}

export async function webhookStorm(harness: Harness, options: WebhookStormOptions): Promise<WebhookStormReport> {
  const random = prng(23);
  const stripe: StripeMock = await startStripeMock();
  stripe.setAccountDefaults({ charges_enabled: true, details_submitted: true, payouts_enabled: true });
  const server = await harness.start({ ...stripe.env, SNAPSHOT_EVERY: '1000000' });
  const base = server.url;
  try {
    const seller = await signInSeller(base);
    const account = await call(base, 'POST', '/api/seller/stripe/account', { token: seller.token });
    if (account.status !== 200) throw new Error(`seller account: ${account.status} ${JSON.stringify(account.body)}`);
    const price = 1999;
    const event = await createEvent(base, seller.token, { totalTickets: options.tickets, maxPerBuyer: 2, price });
    const buyers = await mintBuyers(harness.dataDir, harness.publicUrl, options.buyers, 'storm');

    const sessions: PaidSession[] = [];
    const checkout = async (buyer: Buyer, entry: { id: string; offerId: string; offeredQuantity: number }) => {
      const res = await call(base, 'POST', `/api/events/${event.id}/checkout`, { token: buyer.token, body: { flow: 'site' } });
      if (res.status !== 200) throw new Error(`checkout: ${res.status} ${JSON.stringify(res.body)}`);
      const s: PaidSession = {
        sessionId: res.body.sessionId,
        eventId: event.id,
        entryId: entry.id,
        offerId: entry.offerId,
        userId: buyer.userId,
        quantity: entry.offeredQuantity,
        amount: price * entry.offeredQuantity,
        currency: 'usd',
        paymentIntent: newPaymentIntent(),
      };
      sessions.push(s);
      return s;
    };
    const entryOf = async (buyer: Buyer) => (await call(base, 'GET', `/api/events/${event.id}/queue/me`, { token: buyer.token })).body;

    // Everyone joins; the offered start checkout. Some then give the offer back (their session is
    // expired by us), and the buyers behind them are offered and check out too.
    for (const buyer of buyers)
      await call(base, 'POST', `/api/events/${event.id}/queue`, { token: buyer.token, body: { quantity: 1 + Math.floor(random() * 2) } });
    const offered = async () => (await Promise.all(buyers.map(async (b) => ({ b, e: await entryOf(b) })))).filter((x) => x.e.status === 'offered');
    const first = await offered();
    for (const { b, e } of first) await checkout(b, e);
    const late = first.slice(0, options.givenBack);
    for (const { b } of late) await call(base, 'DELETE', `/api/events/${event.id}/queue/me`, { token: b.token });
    const lateSessions = new Set(late.map(({ b }) => sessions.find((s) => s.userId === b.userId)!.sessionId));
    for (const { b, e } of await offered()) if (!sessions.some((s) => s.userId === b.userId)) await checkout(b, e);

    // The storm: every event three times, shuffled; expirations and unrelated events mixed in.
    const deliveries: Array<Record<string, unknown>> = [];
    for (const s of sessions) {
      const paid = sessionCompleted(s);
      deliveries.push(paid, paid, paid);
      if (lateSessions.has(s.sessionId)) deliveries.push(...Array(3).fill(sessionExpired(s.sessionId)));
      else if (random() < 0.3) deliveries.push(...Array(3).fill(sessionExpired(s.sessionId)));
      if (random() < 0.3) deliveries.push(...Array(3).fill(unrelated(s.paymentIntent)));
    }
    shuffle(deliveries, random);
    const tally = new Tally();
    let duplicatesAcknowledged = 0;
    for (let i = 0; i < deliveries.length;) {
      const batch = deliveries.slice(i, (i += 1 + Math.floor(random() * options.concurrency)));
      const answers = await Promise.all(
        batch.map((e) => {
          const { body, headers } = stripe.signedWebhook(e);
          return call(base, 'POST', '/api/webhooks/stripe', { body, headers });
        }),
      );
      for (const a of answers) {
        tally.add(a);
        if (a.status === 200 && a.body?.duplicate === true) duplicatesAcknowledged += 1;
      }
    }

    const availability = (await call(base, 'GET', `/api/events/${event.id}/availability`)).body;
    await server.stop();
    const refunds = stripe.refundsAtStripe();
    const client = new MongoClient(harness.mongoUrl);
    let tickets: Array<{ paymentId: string }>;
    try {
      tickets = await client.db(harness.dbName).collection<{ paymentId: string }>('tickets').find({ eventId: event.id }).toArray();
    } finally {
      await client.close();
    }

    const rules: string[] = [];
    const ticketsOf = (pi: string) => tickets.filter((t) => t.paymentId === pi).length;
    const refundsOf = (pi: string) => refunds.filter((r) => r.params.get('payment_intent') === pi).length;
    for (const s of sessions) {
      const issued = ticketsOf(s.paymentIntent);
      const refunded = refundsOf(s.paymentIntent);
      if (issued > 0 && issued !== s.quantity) rules.push(`payment ${s.paymentIntent} issued ${issued} tickets for ${s.quantity}`);
      if (issued > 0 && refunded > 0) rules.push(`payment ${s.paymentIntent} both issued tickets and was refunded`);
      if (issued === 0 && refunded !== 1) rules.push(`payment ${s.paymentIntent} has no tickets and ${refunded} refunds`);
      if (issued === 0 && !lateSessions.has(s.sessionId)) rules.push(`payment ${s.paymentIntent} for a live offer issued nothing`);
    }
    const serverErrors = tally.count((status) => status >= 500 || status === 0);
    if (serverErrors) rules.push(`deliveries answered 5xx or not at all (${serverErrors})`);
    if (tally.count((status) => status !== 200)) rules.push(`deliveries not answered 200: ${JSON.stringify(tally.toJSON())}`);
    if (availability.sold !== tickets.length) rules.push(`sold ${availability.sold} but ${tickets.length} tickets stored`);
    if (availability.sold > options.tickets) rules.push('more sold than exist');
    return {
      sessions: sessions.length,
      deliveries: deliveries.length,
      answers: tally.toJSON(),
      duplicatesAcknowledged,
      ticketsIssued: tickets.length,
      sold: availability.sold,
      refundsAtStripe: refunds.length,
      violations: rules,
    };
  } finally {
    await server.kill();
    await stripe.stop();
  }
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
