/**
 * `npm run bench -- scaleout`: the same load against 1, 2 and 3 backend instances on this machine,
 * sharing one FerretDB (and Redis from 2 on). Requests are spread round robin over the instances,
 * as a load balancer without affinity would; the event's actor lives on one of them, so most
 * requests are forwarded to it. Measures joins/s into one event (warm sessions) and the time to
 * sell out an event (join → checkout → demo payment per buyer). Same total cores for every row:
 * the point is the curve and the cost of forwarding, not a speed-up. Sizes: SCALEOUT_JOINS,
 * SCALEOUT_TICKETS; Redis at QUEUETIX_BENCH_REDIS_URL (default redis://127.0.0.1:6379).
 */
import os from 'node:os';
import type { BenchSection } from './run.js';
import { fmt, table } from './stats.js';
import { json, mintTokens, newEvent, scratchDir, startBackend, startDatabase, type BenchBackend } from './support/environment.js';
import { timedLoad } from './support/timed-load.js';

const JOINS = Number(process.env.SCALEOUT_JOINS ?? 6_000);
const TICKETS = Number(process.env.SCALEOUT_TICKETS ?? 300);
const REDIS_URL = process.env.QUEUETIX_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONNECTIONS = 100;
const PAY_CONCURRENCY = 48;

interface Row {
  instances: number;
  /** The machine's 1-minute load average when the row started (others' processes share the cores). */
  load: number;
  joinsPerSec: number;
  p99: number;
  failed: number;
  sellOutSec: number;
  salesPerSec: number;
  retries: number;
}

/**
 * Every instance verifies every token once first (buyers browse before they join), with a call
 * each instance answers itself: the signed-in user (`/api/me`). A call about the event (its
 * `/queue/me`) would be forwarded whole by every instance but its owner, and the joins measured
 * on the others would then be the first sight of their tokens there.
 */
export async function warm(nodes: BenchBackend[], tokens: string[]): Promise<void> {
  for (const node of nodes) {
    for (let k = 0; k < tokens.length; k += 500) {
      await Promise.all(
        tokens.slice(k, k + 500).map((t) => fetch(`${node.url}/api/me`, { headers: { authorization: `Bearer ${t}` } }).then((r) => r.arrayBuffer())),
      );
    }
  }
}

/**
 * Every token joins the event once, the tokens split evenly over the nodes, each node driven by its
 * own autocannon with `connectionsPerNode` connections. `seconds`: from the start to the last answer
 * on any node (timedLoad).
 */
export async function joinsSpreadOver(nodes: BenchBackend[], eventId: string, tokens: string[], connectionsPerNode: number) {
  const share = Math.ceil(tokens.length / nodes.length);
  const runs = await Promise.all(
    nodes.map((node, n) => {
      const mine = tokens.slice(n * share, (n + 1) * share);
      let i = 0;
      return timedLoad({
        url: `${node.url}/api/events/${eventId}/queue`,
        connections: connectionsPerNode,
        pipelining: 1,
        amount: mine.length,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ quantity: 1 }),
            setupRequest: (req: any) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${mine[i++ % mine.length]}` } }),
          },
        ],
      });
    }),
  );
  return { results: runs.map((r) => r.result), seconds: Math.max(...runs.map((r) => r.seconds)) };
}

async function joinLoad(nodes: BenchBackend[], eventId: string, tokens: string[]): Promise<{ rps: number; p99: number; failed: number }> {
  const { results, seconds } = await joinsSpreadOver(nodes, eventId, tokens, Math.max(10, Math.floor(CONNECTIONS / nodes.length)));
  return {
    rps: results.reduce((n, r) => n + r.requests.total, 0) / seconds,
    p99: Math.max(...results.map((r) => r.latency.p99)),
    failed: results.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0),
  };
}

/**
 * Each buyer joins, is offered at once (one buyer per ticket), checks out and pays, through instance
 * i mod n. A buyer who gets an error tries the whole flow again, as a person would (joining again
 * returns the same entry, checking out again the same session); retries are counted.
 */
async function sellOut(nodes: BenchBackend[], eventId: string, tokens: string[]): Promise<{ seconds: number; retries: number }> {
  const started = performance.now();
  let next = 0;
  let retries = 0;
  const buyer = async () => {
    while (next < tokens.length) {
      const i = next++;
      const url = nodes[i % nodes.length]!.url;
      const token = tokens[i]!;
      for (let attempt = 1; ; attempt++) {
        try {
          await json(`${url}/api/events/${eventId}/queue`, { method: 'POST', token, body: { quantity: 1 } });
          const checkout = await json(`${url}/api/events/${eventId}/checkout`, { method: 'POST', token, body: { flow: 'site' } });
          await json(`${url}/api/demo-checkout/${checkout.sessionId}/complete`, { method: 'POST', token, body: {} });
          break;
        } catch (err) {
          if (attempt >= 5) throw err;
          retries += 1;
          console.error(`[bench] scaleout: buyer ${i} retries after: ${String(err).slice(0, 160)}`);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: PAY_CONCURRENCY }, buyer));
  const seconds = (performance.now() - started) / 1000;
  const availability = await json(`${nodes[0]!.url}/api/events/${eventId}/availability`);
  if (!availability.soldOut || availability.sold !== tokens.length) throw new Error(`sell-out incomplete: ${JSON.stringify(availability)}`);
  return { seconds, retries };
}

async function measure(count: number, mongoUrl: string, dir: string, tokens: { join: string[]; buy: string[] }): Promise<Row> {
  const env = count > 1 ? { REDIS_URL, REDIS_PREFIX: `qtx-bench-scaleout-${process.pid}-${count}`, LEASE_MS: '15000' } : undefined;
  const nodes: BenchBackend[] = [];
  const load = os.loadavg()[0]!;
  try {
    for (let i = 0; i < count; i++) nodes.push(await startBackend({ mongoUrl, dbName: `scaleout${count}`, dataDir: dir, env }));
    const seller = await json(`${nodes[0]!.url}/api/dev/sign-in`, { method: 'POST', body: { name: 'Bench Seller', role: 'seller' } });
    const joinEvent = await newEvent(nodes[0]!.url, seller.token, 1_000);
    console.error(`[bench] scaleout ×${count}: warming ${fmt(tokens.join.length)} sessions on each instance…`);
    await warm(nodes, [...tokens.join, ...tokens.buy]);
    const joins = await joinLoad(nodes, joinEvent, tokens.join);
    console.error(`[bench] scaleout ×${count}: ${fmt(joins.rps)} joins/s; selling out ${TICKETS} tickets…`);
    const saleEvent = await newEvent(nodes[0]!.url, seller.token, TICKETS);
    const sale = await sellOut(nodes, saleEvent, tokens.buy);
    return {
      instances: count,
      load,
      joinsPerSec: joins.rps,
      p99: joins.p99,
      failed: joins.failed,
      sellOutSec: sale.seconds,
      salesPerSec: TICKETS / sale.seconds,
      retries: sale.retries,
    };
  } finally {
    for (const node of nodes) await node.stop();
  }
}

export async function run(): Promise<BenchSection> {
  const dir = scratchDir('scaleout');
  const db = await startDatabase(dir);
  const rows: Row[] = [];
  try {
    // The first backend creates the dev signing key in `dir`; the same tokens serve every row.
    const first = await startBackend({ mongoUrl: db.url, dbName: 'scaleout-keys', dataDir: dir });
    await first.stop();
    console.error('[bench] scaleout: minting tokens…');
    const join = await mintTokens(dir, JOINS, 'join');
    const buy = await mintTokens(dir, TICKETS, 'buy');
    for (const count of [1, 2, 3]) rows.push(await measure(count, db.url, dir, { join, buy }));
  } finally {
    await db.stop();
  }
  const one = rows[0]!;
  return {
    title: 'Scale-out: 1, 2 and 3 instances on the same machine',
    markdown: [
      `Load from the bench process, round robin over the instances (no affinity, like a plain load balancer), ${CONNECTIONS} connections in all; one FerretDB; Redis from 2 instances on. Joins: ${fmt(JOINS)} warm sessions into one event. Sell-out: ${fmt(TICKETS)} tickets, one buyer per ticket, ${PAY_CONCURRENCY} buyers at a time each doing join → checkout → demo payment.`,
      '',
      table(
        ['instances', 'joins/s', 'p99 ms', 'failed joins', 'sell-out s', 'tickets sold/s', 'buyer retries', 'joins/s vs 1', 'load avg at start'],
        rows.map((r) => [
          r.instances,
          fmt(r.joinsPerSec),
          fmt(r.p99, 1),
          r.failed,
          fmt(r.sellOutSec, 1),
          fmt(r.salesPerSec, 1),
          r.retries,
          `${(r.joinsPerSec / one.joinsPerSec).toFixed(2)} ×`,
          r.load.toFixed(1),
        ]),
      ),
      '',
      `How to read it: every instance here shares this machine's ${os.cpus().length} cores with the database, Redis, the load generator and each other, so an instance brings no core of its own, only more work per request. A join that lands on an instance that does not own the event is admitted there (token, validation) and sent to the owner in a batch, and the owner still applies it (batched-owner measures what each side pays); a checkout or payment that lands elsewhere reaches the owner over the internal API, one HTTP hop each. In this run joins/s with 2 and 3 instances were ${rows
        .slice(1)
        .map((r) => `${(r.joinsPerSec / one.joinsPerSec).toFixed(2)} ×`)
        .join(
          ' and ',
        )} of one. With a core per instance and the database on its own host, as in production, the edges' share runs beside the owner instead of taking its core. Every row writes to one FerretDB (on the embedded PostgreSQL: the journal, checkout sessions, payments and tickets of all instances), and single runs are noisy (load column). See docs/capacity.md and docs/operations.md for sizing.`,
    ].join('\n'),
  };
}
