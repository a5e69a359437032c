/**
 * Crash loop: an on-sale runs while the backend is SIGKILLed at random moments and restarted each
 * time; afterwards every acknowledged join is present in order, no offer outlived its window, and
 * no payment was lost or doubled (chaos/support/audit.ts).
 */
import { MongoClient } from 'mongodb';
import { auditSale, violations, type SaleAudit } from '../support/audit.js';
import { createEvent, mintBuyers, signInSeller, type Buyer } from '../support/buyers.js';
import type { BackendProcess, Harness } from '../support/harness.js';
import { call, sleep } from '../support/http.js';
import { Sale } from '../support/sale.js';

export interface CrashLoopOptions {
  kills: number;
  buyers: number;
  tickets: number;
  joinsPerSec: number;
  /** Uptime before each kill is drawn uniformly from this range (ms). */
  upMs: [number, number];
  snapshotEvery: number;
  seed?: number;
}

export interface CrashLoopReport {
  kills: number;
  restartMs: { mean: number; max: number };
  requests: number;
  answers: Record<string, Record<string, number>>;
  lateOfferViews: { count: number; maxMs: number };
  audit: SaleAudit;
  violations: string[];
  seconds: number;
}

/** Small deterministic PRNG (mulberry32) so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function crashLoop(harness: Harness, options: CrashLoopOptions): Promise<CrashLoopReport> {
  const started = Date.now();
  const random = prng(options.seed ?? 7);
  const env = { SNAPSHOT_EVERY: String(options.snapshotEvery) };
  let server: BackendProcess = await harness.start(env);
  const base = server.url;
  try {
    const seller = await signInSeller(base);
    const event = await createEvent(base, seller.token, { totalTickets: options.tickets, maxPerBuyer: 2, offerWindowSec: 60 });
    const buyers = await mintBuyers(harness.dataDir, harness.publicUrl, options.buyers, 'crash');
    // Most offered buyers pay; some give the offer back at once, some let it lapse (expiry after 60 s).
    const choices = new Map<string, 'pay' | 'back' | 'lapse'>(buyers.map((b) => [b.userId, pick(random())]));
    const quantities = new Map(buyers.map((b) => [b.userId, 1 + Math.floor(random() * 2)]));
    const sale = new Sale({
      base: () => base,
      eventId: event.id,
      buyers,
      joinsPerSec: options.joinsPerSec,
      concurrency: 32,
      choice: (b: Buyer) => choices.get(b.userId)!,
      quantity: (b: Buyer) => quantities.get(b.userId)!,
    });
    sale.start();

    const restarts: number[] = [];
    for (let k = 0; k < options.kills; k++) {
      const [min, max] = options.upMs;
      await sleep(min + random() * (max - min));
      await server.kill();
      const t0 = Date.now();
      server = await harness.start(env);
      restarts.push(Date.now() - t0);
    }
    await sleep(1_000);
    await sale.stop();
    await sale.settle();

    // Through the API too: every acknowledged buyer still sees the entry they were given.
    const byUser = new Map(buyers.map((b) => [b.userId, b]));
    const acks = [...sale.acks.values()];
    let apiMissing = 0;
    for (let i = 0; i < acks.length; i += 50) {
      await Promise.all(
        acks.slice(i, i + 50).map(async (ack) => {
          const me = await call(base, 'GET', `/api/events/${event.id}/queue/me`, { token: byUser.get(ack.userId)!.token });
          if (me.status !== 200 || me.body.id !== ack.entryId) apiMissing += 1;
        }),
      );
    }
    await server.stop();

    const client = new MongoClient(harness.mongoUrl);
    let audit: SaleAudit;
    try {
      audit = await auditSale(client.db(harness.dbName), event.id, sale.acks.values(), sale.payments.values());
    } finally {
      await client.close();
    }
    const answers = Object.fromEntries(Object.entries(sale.tallies).map(([name, tally]) => [name, tally.toJSON()]));
    return {
      kills: restarts.length,
      restartMs: { mean: restarts.reduce((a, b) => a + b, 0) / Math.max(1, restarts.length), max: Math.max(0, ...restarts) },
      requests: Object.values(sale.tallies).reduce((sum, t) => sum + t.total, 0),
      answers,
      lateOfferViews: sale.lateOfferViews,
      audit,
      violations: [...violations(audit), ...(apiMissing ? [`acknowledged entries the API no longer shows their buyer (${apiMissing})`] : [])],
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await server.kill();
  }
}

function pick(r: number): 'pay' | 'back' | 'lapse' {
  return r < 0.7 ? 'pay' : r < 0.85 ? 'back' : 'lapse';
}
