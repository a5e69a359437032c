/**
 * Joins per second over HTTP into one event — with auth, the actor and durable journaling — beside
 * a bare Koa JSON endpoint on the same machine in the same run; plus p99 at a fixed 5,000 joins/s
 * (arriving on a schedule: support/open-loop.ts), joins with tokens never seen before, and the bare
 * token-verification rate.
 */
import { verifyToken } from '@clerk/backend';
import { readFileSync } from 'node:fs';
import { createPublicKey, verify as rawVerify } from 'node:crypto';
import path from 'node:path';
import type { BenchSection } from './run.js';
import { fmt, percentile, table, verdict } from './stats.js';
import { timedLoad } from './support/timed-load.js';
import { openLoopLoad } from './support/open-loop.js';
import { mainThreadCpuSeconds } from './support/proc-stat.js';
import { cpuOf, json, mintTokens, newEvent, rssOf, scratchDir, startBackend, startBareKoa, startDatabase } from './support/environment.js';

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  /** Server CPU (user + system) per request over the run, µs. */
  cpuUs: number;
  /** The same, of the server's main thread alone (its event loop), µs. */
  mainUs: number;
}

/** Starts counting the server's CPU; the returned function gives it per request answered since (process, and main thread alone). */
function serverCpu(pid: number): (answered: number) => { cpuUs: number; mainUs: number } {
  const cpuBefore = cpuOf(pid);
  const mainBefore = mainThreadCpuSeconds(pid);
  return (answered) => ({
    cpuUs: (cpuOf(pid) - cpuBefore) / Math.max(1, answered),
    mainUs: ((mainThreadCpuSeconds(pid) - mainBefore) * 1e6) / Math.max(1, answered),
  });
}

async function load(
  pid: number,
  url: string,
  tokens: string[] | null,
  opts: { amount?: number; duration?: number; connections?: number },
): Promise<LoadResult> {
  let i = 0;
  const perRequest = serverCpu(pid);
  const { result, seconds } = await timedLoad({
    url,
    connections: opts.connections ?? 100,
    pipelining: 1,
    ...(opts.amount !== undefined ? { amount: opts.amount } : {}),
    ...(opts.duration !== undefined ? { duration: opts.duration } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ quantity: 1 }),
        setupRequest: (req: any) => (tokens ? { ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[i++ % tokens.length]}` } } : req),
      },
    ],
  });
  return {
    // Answered ÷ the time to the last answer: autocannon's own average is over whole seconds, and its duration ends on a whole-second tick.
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
    ...perRequest(result.requests.total),
  };
}

/** Joins arriving at a fixed rate (open loop: latency from each join's due time), with the same CPU accounting as load(). */
async function rated(pid: number, url: string, tokens: string[], rate: number): Promise<LoadResult> {
  const perRequest = serverCpu(pid);
  const r = await openLoopLoad({
    url,
    rate,
    amount: tokens.length,
    connections: 100,
    method: 'POST',
    body: JSON.stringify({ quantity: 1 }),
    headers: (k) => ({ authorization: `Bearer ${tokens[k]}` }),
  });
  const answered = r.latencies.length;
  return {
    rps: answered / r.seconds,
    p50: percentile(r.latencies, 50),
    p99: percentile(r.latencies, 99),
    errors: r.errors,
    non2xx: r.non2xx,
    total: answered,
    ...perRequest(answered),
  };
}

/** Bare `verifyToken` (rate with 200 in flight, and CPU µs per call) and the raw RS256 check underneath it (CPU µs per call). */
async function verifyRate(dataDir: string, tokens: string[]): Promise<{ rate: number; cpuUs: number; rawCpuUs: number }> {
  const pem = readFileSync(path.join(dataDir, 'dev-jwt-private-key.pem'), 'utf8');
  const publicKey = createPublicKey(pem);
  const jwtKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const sample = tokens.slice(0, 3000);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let k = 0; k < sample.length; k += 200) await Promise.all(sample.slice(k, k + 200).map((t) => verifyToken(t, { jwtKey })));
  const rate = sample.length / ((performance.now() - started) / 1000);
  const used = process.cpuUsage(cpuBefore);
  const rawBefore = process.cpuUsage();
  for (const t of sample) {
    const [h, p, sig] = t.split('.');
    rawVerify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(sig!, 'base64url'));
  }
  const raw = process.cpuUsage(rawBefore);
  return { rate, cpuUs: (used.user + used.system) / sample.length, rawCpuUs: (raw.user + raw.system) / sample.length };
}

export async function run(): Promise<BenchSection> {
  const dir = scratchDir('http');
  const db = await startDatabase(dir);
  const backend = await startBackend({ mongoUrl: db.url, dbName: 'bench', dataDir: dir });
  const bare = await startBareKoa();
  try {
    const seller = await json(`${backend.url}/api/dev/sign-in`, { method: 'POST', body: { name: 'Bench Seller', role: 'seller' } });
    const WARM = 40_000;
    const COLD = 15_000;
    const RATED = 20_000;
    console.error('[bench] minting tokens…');
    const warmTokens = await mintTokens(dir, WARM, 'warm');
    const coldTokens = await mintTokens(dir, COLD, 'cold');
    const ratedTokens = await mintTokens(dir, RATED, 'rated');

    // Warm sessions: buyers opened the event page (any authenticated call) before joining.
    const warmEvent = await newEvent(backend.url, seller.token, 1_000);
    for (const tokens of [warmTokens, ratedTokens]) {
      for (let k = 0; k < tokens.length; k += 500) {
        await Promise.all(
          tokens
            .slice(k, k + 500)
            .map((t) => fetch(`${backend.url}/api/events/${warmEvent}/queue/me`, { headers: { authorization: `Bearer ${t}` } }).then((r) => r.arrayBuffer())),
        );
      }
    }

    const bareFirst = await load(bare.pid, `${bare.url}/api/events/x/queue`, null, { duration: 10 });
    const warm = await load(backend.pid, `${backend.url}/api/events/${warmEvent}/queue`, warmTokens, { amount: WARM });
    const rssAfterWarm = rssOf(backend.pid);
    const coldEvent = await newEvent(backend.url, seller.token, 1_000);
    const cold = await load(backend.pid, `${backend.url}/api/events/${coldEvent}/queue`, coldTokens, { amount: COLD });
    const ratedEvent = await newEvent(backend.url, seller.token, 1_000);
    const fixed = await rated(backend.pid, `${backend.url}/api/events/${ratedEvent}/queue`, ratedTokens, 5_000);
    const bareVerify = await verifyRate(dir, coldTokens);
    // The baseline again at the end: on a shared machine one 10 s window can land on someone else's burst.
    // The faster of the two is the baseline (the stricter one for the ratios).
    const bareLast = await load(bare.pid, `${bare.url}/api/events/x/queue`, null, { duration: 10 });
    const bareResult = bareLast.rps > bareFirst.rps ? bareLast : bareFirst;
    const availability = await json(`${backend.url}/api/events/${warmEvent}/availability`);

    const ratio = warm.rps / bareResult.rps;
    const coldRatio = cold.rps / bareVerify.rate;
    const row = (name: string, r: LoadResult) => [name, fmt(r.rps), fmt(r.p50, 1), fmt(r.p99, 1), r.errors + r.non2xx, fmt(r.cpuUs), fmt(r.mainUs)];
    const rows = [
      row(`bare Koa JSON endpoint, first (baseline${bareResult === bareFirst ? '' : ': not used'})`, bareFirst),
      row(`bare Koa JSON endpoint, last (baseline${bareResult === bareLast ? '' : ': not used'})`, bareLast),
      row(`joins, warm sessions (${fmt(WARM)} buyers)`, warm),
      row(`joins, tokens never seen (${fmt(COLD)} buyers)`, cold),
      row('joins arriving at a fixed 5,000/s (warm)', fixed),
    ];
    const coldBudget = 100 + bareVerify.rawCpuUs;
    return {
      title: 'Joins over HTTP (auth + event actor + durable journal) vs bare Koa',
      markdown: [
        "Load: autocannon, 100 connections, no pipelining, from the bench process; server: one backend process on FerretDB on the embedded PostgreSQL, both on this machine; joins on the event's owner take the lean path (backend/src/http/lean-path.ts). req/s = answers ÷ the time from the start to the last answer (bench/support/timed-load.ts).",
        '',
        table(['run', 'req/s', 'p50 ms', 'p99 ms', 'errors / non-2xx', 'server CPU µs/req', 'of it on the main thread'], rows),
        '',
        "The fixed rate is an open loop (bench/support/open-loop.ts): join k is due at start + k ÷ 5,000 s whatever the answers do, sent on one of up to 100 keep-alive connections, and its latency runs from its due time, so a stall counts for every join it holds up. (Until 2026-12-02 this row used autocannon's `overallRate`, which sends each connection's quota for the second back to back and then waits for the next second — bursts at full speed, not a rate — and weights each slow answer by its length in ms.)",
        '',
        "Server CPU µs/req is the server process's user + system time over the run (/proc/<pid>/stat) divided by the requests answered: it includes GC, socket writes and the journal's database calls, but not the database process. The main thread's share (/proc/<pid>/task/<pid>/stat) is what bounds one process's rate; the rest is V8's GC and compiler threads and libuv's.",
        `Bare \`verifyToken\` (RS256, networkless, 200 in flight) in the same run: ${fmt(bareVerify.rate)}/s, ${fmt(bareVerify.cpuUs)} µs CPU per call — the ceiling for tokens never seen before. The raw RS256 check underneath (\`crypto.verify\` with an imported KeyObject): ${fmt(bareVerify.rawCpuUs)} µs CPU per call.`,
        `Backend RSS after ${fmt(WARM)} joins: ${fmt(rssAfterWarm / 2 ** 20)} MB. Warm event after the run: ${availability.waiting} waiting, ${availability.held} held.`,
        '',
        `- ≥ 10,000 joins/s over HTTP: ${fmt(warm.rps)}/s — ${verdict(warm.rps >= 10_000)}`,
        `- ≥ 0.3 × bare Koa: ${ratio.toFixed(2)} × — ${verdict(ratio >= 0.3)}`,
        `- ≥ 0.8 × bare verification (tokens never seen): ${coldRatio.toFixed(2)} × — ${verdict(coldRatio >= 0.8)}`,
        `- p99 < 50 ms at 5,000 joins/s: ${fmt(fixed.p99, 1)} ms — ${verdict(fixed.p99 < 50)}`,
        `- ≤ 100 µs backend CPU per warm join: ${fmt(warm.cpuUs)} µs — ${verdict(warm.cpuUs <= 100)}`,
        `- ≤ 100 µs + one RS256 verify (${fmt(bareVerify.rawCpuUs)} µs) per cold join: ${fmt(cold.cpuUs)} µs — ${verdict(cold.cpuUs <= coldBudget)}`,
        '',
        `The µs budgets were set on a quiet machine where a bare Koa request costs about 25 µs of CPU (100 µs = 4 bare Koa requests). In this run a bare Koa request cost ${fmt(bareResult.cpuUs)} µs, so in bare-Koa units: a warm join costs ${(warm.cpuUs / bareResult.cpuUs).toFixed(2)} × a bare Koa request (budget 4 ×: ${verdict(warm.cpuUs <= 4 * bareResult.cpuUs)}), a cold join ${((cold.cpuUs - bareVerify.rawCpuUs) / bareResult.cpuUs).toFixed(2)} × plus one RS256 verify (budget 4 × + 1 verify: ${verdict(cold.cpuUs <= 4 * bareResult.cpuUs + bareVerify.rawCpuUs)}). Joins/s depend on the database too (FerretDB answers the journal writes and, for tokens never seen, the new users' inserts) and on what else runs on these cores; CPU per join is the figure this process controls.`,
      ].join('\n'),
    };
  } finally {
    await backend.stop();
    await bare.stop();
    await db.stop();
  }
}
