/**
 * Database outage: the database stops for a while in the middle of an on-sale. The API must answer
 * 503 with a clear message (never a 500, never hang), lose nothing it acknowledged, and serve again
 * by itself once the database is back.
 */
import { MongoClient } from 'mongodb';
import { auditSale, violations, type SaleAudit } from '../support/audit.js';
import { createEvent, mintBuyers, signInSeller } from '../support/buyers.js';
import type { Harness } from '../support/harness.js';
import { call, sleep, Tally, type Answer } from '../support/http.js';
import { Sale } from '../support/sale.js';
import { prng } from './crash-loop.js';

export interface DbOutageOptions {
  outageMs: number;
  buyers: number;
  tickets: number;
  joinsPerSec: number;
  /** A request not answered within this long counts as hung (answers after 10 s count as slow). */
  hangMs?: number;
}

export interface DbOutageReport {
  outageMs: number;
  requests: number;
  answers: Record<string, Record<string, number>>;
  /** 503s whose body lacks the `unavailable` code or a message. */
  unclear503: number;
  serverErrors: number;
  hung: number;
  /** Answered, but only after 10 s or more. */
  slow: number;
  slowestMs: number;
  /** From the database answering again to the API serving a join again. */
  resumedAfterMs: number | null;
  audit: SaleAudit;
  violations: string[];
}

export async function dbOutage(harness: Harness, options: DbOutageOptions): Promise<DbOutageReport> {
  const hangMs = options.hangMs ?? 30_000;
  const random = prng(11);
  const server = await harness.start({ SNAPSHOT_EVERY: '1000000' });
  const base = server.url;
  let databaseDown = false;
  try {
    const seller = await signInSeller(base);
    const event = await createEvent(base, seller.token, { totalTickets: options.tickets, maxPerBuyer: 2, offerWindowSec: 600 });
    const buyers = await mintBuyers(harness.dataDir, harness.publicUrl, options.buyers + 1, 'outage');
    // The last buyer only probes whether joins are served again; the sale never uses them.
    const prober = buyers.pop()!;
    const sale = new Sale({
      base: () => base,
      eventId: event.id,
      buyers,
      joinsPerSec: options.joinsPerSec,
      concurrency: 16,
      choice: () => 'pay',
      quantity: () => 1 + Math.floor(random() * 2),
      watchEveryMs: 500,
    });
    // Browsing and status pages keep asking too.
    const browse = new Tally();
    let unclear503 = 0;
    const note = (answer: Answer) => {
      browse.add(answer);
      if (answer.status === 503 && !(answer.code === 'unavailable' && answer.body?.error?.message)) unclear503 += 1;
    };
    let browsing = true;
    const browser = (async () => {
      while (browsing) {
        const answers = await Promise.all([
          call(base, 'GET', '/api/health', { timeoutMs: hangMs }),
          call(base, 'GET', `/api/events/${event.id}`, { timeoutMs: hangMs }),
          call(base, 'GET', `/api/events/${event.id}/availability`, { timeoutMs: hangMs }),
          call(base, 'GET', `/api/events?q=Chaos`, { timeoutMs: hangMs }),
          call(base, 'GET', '/api/tickets', { token: buyers[0]!.token, timeoutMs: hangMs }),
        ]);
        answers.forEach(note);
        await sleep(200);
      }
    })();

    sale.start();
    await sleep(3_000);
    databaseDown = true;
    await harness.database.stop();
    await sleep(options.outageMs);
    await harness.database.start();
    databaseDown = false;
    const backAt = Date.now();
    let resumedAfterMs: number | null = null;
    for (const until = Date.now() + 60_000; Date.now() < until; await sleep(100)) {
      const probe = await call(base, 'POST', `/api/events/${event.id}/queue`, { token: prober.token, body: { quantity: 1 } });
      if (probe.status === 200 || probe.status === 201) {
        resumedAfterMs = Date.now() - backAt;
        break;
      }
    }
    await sleep(3_000);
    browsing = false;
    await browser;
    await sale.stop();
    await sale.settle();
    await server.stop();

    const all = [browse, ...Object.values(sale.tallies)];
    for (const t of Object.values(sale.tallies)) unclear503 += t.count((status, code) => status === 503 && code !== 'unavailable');
    const client = new MongoClient(harness.mongoUrl);
    let audit: SaleAudit;
    try {
      audit = await auditSale(client.db(harness.dbName), event.id, sale.acks.values(), sale.payments.values());
    } finally {
      await client.close();
    }
    const serverErrors = all.reduce((n, t) => n + t.count((status) => status >= 500 && status !== 503), 0);
    const hung = all.reduce((n, t) => n + t.count((status, code) => status === 0 && code === 'timeout'), 0);
    const slow = all.reduce((n, t) => n + t.slow, 0) - hung;
    const rules = violations(audit);
    if (serverErrors) rules.push(`5xx other than 503 (${serverErrors})`);
    if (hung) rules.push(`requests left hanging over ${hangMs} ms (${hung})`);
    if (slow) rules.push(`requests answered only after 10 s or more (${slow})`);
    if (unclear503) rules.push(`503s without the 'unavailable' code and a message (${unclear503})`);
    if (resumedAfterMs === null) rules.push('the API did not serve joins again within 60 s of the database returning');
    return {
      outageMs: options.outageMs,
      requests: all.reduce((n, t) => n + t.total, 0),
      answers: { browse: browse.toJSON(), ...Object.fromEntries(Object.entries(sale.tallies).map(([k, t]) => [k, t.toJSON()])) },
      unclear503,
      serverErrors,
      hung,
      slow,
      slowestMs: Math.max(...all.map((t) => t.maxMs)),
      resumedAfterMs,
      audit,
      violations: rules,
    };
  } finally {
    if (databaseDown) await harness.database.start();
    await server.kill();
  }
}
