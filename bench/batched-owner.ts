/**
 * `npm run bench -- batched-owner`: what one event's owner pays per join when the joins reach it in
 * batches from other instances (issue 14.3), beside the same joins made on the owner directly, in
 * the same run. Three backends on one FerretDB and one Redis; the event lives on the first. Row 1:
 * all load on the owner (each join pays HTTP, token, limits and the actor there). Row 2: all load on
 * the two edges, which admit each join and send the owner batches. CPU per join is each process's
 * user + system time over the run (/proc) divided by the joins acknowledged; "owner ceiling" is
 * 1 s / owner µs per join — the joins/s one owner core could take if it did nothing else.
 * Sizes: BATCHED_OWNER_JOINS (default 8,000 per row); Redis at QUEUETIX_BENCH_REDIS_URL.
 */
import type { BenchSection } from './run.js';
import { joinsSpreadOver, warm } from './scaleout.js';
import { fmt, table } from './stats.js';
import { cpuOf, json, mintTokens, newEvent, scratchDir, startBackend, startBareKoa, startDatabase, type BenchBackend } from './support/environment.js';
import { timedLoad } from './support/timed-load.js';

const JOINS = Number(process.env.BATCHED_OWNER_JOINS ?? 8_000);
const REDIS_URL = process.env.QUEUETIX_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONNECTIONS = 100;

interface Row {
  name: string;
  joinsPerSec: number;
  p99: number;
  failed: number;
  ownerUs: number;
  edgeUs: number;
  batches: number;
  batched: number;
}

async function statusOf(node: BenchBackend, secret: string): Promise<{ forwardedBatches: number; batchedCommands: number }> {
  const res = await fetch(`${node.url}/internal/cluster/status`, { headers: { 'x-queuetix-peer-secret': secret } });
  return (await res.json()) as { forwardedBatches: number; batchedCommands: number };
}

/** Joins spread over `targets` (each its share of the tokens), while the CPU of `owner` and `edges` is counted. */
async function joinRow(
  name: string,
  targets: BenchBackend[],
  owner: BenchBackend,
  edges: BenchBackend[],
  eventId: string,
  tokens: string[],
  secret: string,
): Promise<Row> {
  const cpu = () => ({ owner: cpuOf(owner.pid), edges: edges.reduce((n, e) => n + cpuOf(e.pid), 0) });
  const stats = async () =>
    (await Promise.all(edges.map((e) => statusOf(e, secret)))).reduce((a, s) => ({ b: a.b + s.forwardedBatches, c: a.c + s.batchedCommands }), { b: 0, c: 0 });
  const [before, statsBefore] = [cpu(), await stats()];
  const { results, seconds } = await joinsSpreadOver(targets, eventId, tokens, Math.floor(CONNECTIONS / targets.length));
  const [after, statsAfter] = [cpu(), await stats()];
  const ok = results.reduce((n, r) => n + r.requests.total - r.non2xx, 0);
  return {
    name,
    joinsPerSec: ok / seconds,
    p99: Math.max(...results.map((r) => r.latency.p99)),
    failed: results.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0),
    ownerUs: (after.owner - before.owner) / ok,
    edgeUs: edges.length ? (after.edges - before.edges) / ok : 0,
    batches: statsAfter.b - statsBefore.b,
    batched: statsAfter.c - statsBefore.c,
  };
}

export async function run(): Promise<BenchSection> {
  const dir = scratchDir('batched');
  const db = await startDatabase(dir);
  const secret = `bench-secret-${process.pid}-${Date.now()}`;
  const env = { REDIS_URL, REDIS_PREFIX: `qtx-bench-batched-${process.pid}`, LEASE_MS: '15000', CLUSTER_SECRET: secret };
  const nodes: BenchBackend[] = [];
  const bare = await startBareKoa();
  try {
    for (let i = 0; i < 3; i++) nodes.push(await startBackend({ mongoUrl: db.url, dbName: 'batched', dataDir: dir, env }));
    const [owner, ...edges] = nodes as [BenchBackend, BenchBackend, BenchBackend];
    const seller = await json(`${owner.url}/api/dev/sign-in`, { method: 'POST', body: { name: 'Bench Seller', role: 'seller' } });
    console.error('[bench] batched-owner: minting tokens…');
    const direct = await mintTokens(dir, JOINS, 'direct');
    const batched = await mintTokens(dir, JOINS, 'batched');
    const directEvent = await newEvent(owner.url, seller.token, 1_000);
    const batchedEvent = await newEvent(owner.url, seller.token, 1_000);
    console.error('[bench] batched-owner: warming sessions…');
    await warm([owner], direct);
    await warm(edges, batched);
    // A first, unmeasured round warms the bare server up (a 2 s run of a fresh process reads mostly its JIT).
    const bareRound = (seconds: number) =>
      timedLoad({
        url: `${bare.url}/api/events/x/queue`,
        connections: CONNECTIONS,
        duration: seconds,
        method: 'POST',
        body: '{"quantity":1}',
        headers: { 'content-type': 'application/json' },
      });
    await bareRound(5);
    const bareBefore = cpuOf(bare.pid);
    const { result: bareRun, seconds: bareSeconds } = await bareRound(10);
    const bareUs = (cpuOf(bare.pid) - bareBefore) / bareRun.requests.total;
    const rows = [
      await joinRow('joins made on the owner directly', [owner], owner, [], directEvent, direct, secret),
      await joinRow('joins made on 2 edges, sent to the owner in batches', edges, owner, edges, batchedEvent, batched, secret),
    ];
    const [d, b] = rows as [Row, Row];
    return {
      title: 'Batched forwarding: what one event owner pays per join',
      markdown: [
        `Three backends on this machine (one FerretDB on the embedded PostgreSQL, one Redis), the event on the first; ${fmt(JOINS)} warm joins per row from the bench process, ${CONNECTIONS} connections; bare Koa JSON endpoint in the same run (after a warm-up round): ${fmt(bareRun.requests.total / bareSeconds)} req/s, ${fmt(bareUs)} µs CPU per request.`,
        '',
        table(
          ['run', 'joins/s', 'p99 ms', 'failed', 'owner CPU µs/join', 'edge CPU µs/join (both)', 'batches', 'commands/batch', 'owner ceiling joins/s'],
          rows.map((r) => [
            r.name,
            fmt(r.joinsPerSec),
            fmt(r.p99, 1),
            r.failed,
            fmt(r.ownerUs),
            r.edgeUs ? fmt(r.edgeUs) : '–',
            r.batches || '–',
            r.batches ? fmt(r.batched / r.batches, 1) : '–',
            fmt(1e6 / r.ownerUs),
          ]),
        ),
        '',
        `Owner CPU per batched join: ${fmt(b.ownerUs)} µs = ${(b.ownerUs / d.ownerUs).toFixed(2)} × a direct join on the owner (${fmt(d.ownerUs)} µs) = ${(b.ownerUs / bareUs).toFixed(2)} × a bare Koa request, all in this run. One owner core doing nothing else would take about ${fmt(1e6 / b.ownerUs)} batched joins/s; the edges pay ${fmt(b.edgeUs)} µs per join between them (HTTP, token cache, limits, validation, their half of the batch). On this 2-core machine the three backends, FerretDB and the load generator share the cores, so the joins/s column is bounded by the machine, not by the owner; the CPU columns are what scales.`,
      ].join('\n'),
    };
  } finally {
    for (const node of nodes) await node.stop();
    await bare.stop();
    await db.stop();
  }
}
