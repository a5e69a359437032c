/**
 * `npm run bench -- capacity-model`: how many instances and cores one event's rush needs, by
 * simulating it with the costs the other sections measure (docs/capacity.md explains the model).
 * Buyers arrive within a minute, evenly or front-loaded (half in the first 10 s); each join costs an edge core
 * `edgeUs` (+ one RS256 verify for a token never seen), then waits for the next batch to its owner
 * (every FORWARD_BATCH_MS), then costs the owner's one core `ownerUs`, then waits for its journal
 * write (one write in flight per event: the next write takes everything admitted meanwhile).
 * A 1 ms step fluid simulation with FIFO cohorts gives each join's latency. Costs come from
 * CAPACITY_* variables, defaulting to the figures measured for docs/capacity.md.
 */
import type { BenchSection } from './run.js';
import { fmt, table } from './stats.js';

export interface Costs {
  /** Edge CPU per join with a warm token, µs (batched-owner: edge CPU µs/join). */
  edgeUs: number;
  /** One RS256 verification, µs (queue-http: raw RS256 check). */
  verifyUs: number;
  /** Owner CPU per batched join, µs (batched-owner). */
  ownerUs: number;
  /** Journal write latency, ms (one write per event in flight). */
  writeMs: number;
  batchMs: number;
}

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
export const measured: Costs = {
  edgeUs: env('CAPACITY_EDGE_US', 300),
  verifyUs: env('CAPACITY_VERIFY_US', 40),
  ownerUs: env('CAPACITY_OWNER_US', 100),
  writeMs: env('CAPACITY_WRITE_MS', 10),
  batchMs: env('CAPACITY_BATCH_MS', 3),
};

export interface Outcome {
  buyers: number;
  profile: Arrivals;
  edgeCores: number;
  p50: number;
  p99: number;
  max: number;
  ownerBusy: number;
  /** Most joins waiting for the owner at once. */
  peakOwnerBacklog: number;
  writesPerSec: number;
  doneSec: number;
}

/** How buyers arrive within the minute: evenly, or the rush (half of them in the first 10 s, the other half evenly). */
export type Arrivals = 'even' | 'rush';

/** Arrivals per ms. */
function arrivals(buyers: number, profile: Arrivals): Float64Array {
  const perMs = new Float64Array(60_000);
  const rush = profile === 'rush' ? 0.5 : 0;
  for (let t = 0; t < 60_000; t++) perMs[t] = (buyers * (1 - rush)) / 60_000 + (t < 10_000 ? (buyers * rush) / 10_000 : 0);
  return perMs;
}

/** A FIFO of [arrival ms, joins] cohorts (shift() on a long array would make the simulation quadratic). */
class Cohorts {
  private readonly items: Array<[number, number]> = [];
  private at = 0;
  get size(): number {
    return this.items.length - this.at;
  }
  push(c: [number, number]): void {
    this.items.push(c);
  }
  head(): [number, number] {
    return this.items[this.at]!;
  }
  shift(): void {
    this.at += 1;
  }
}

export function simulate(buyers: number, edgeCores: number, costs: Costs, profile: Arrivals = 'rush', coldShare = 1): Outcome {
  const perJoinEdge = costs.edgeUs + coldShare * costs.verifyUs;
  const edgeRate = (edgeCores * 1000) / perJoinEdge; // joins per ms
  const ownerRate = 1000 / costs.ownerUs;
  const arrive = arrivals(buyers, profile);
  // FIFO cohorts through two queues: [arrival ms, count].
  const edgeQ = new Cohorts();
  const ownerQ = new Cohorts();
  const latencies: Array<[number, number]> = []; // [latency ms, count]
  let ownerWork = 0;
  let peakOwnerBacklog = 0;
  let ownerQueued = 0;
  let writes = 0;
  let nextWriteAt = 0;
  let pendingWrite: Array<[number, number]> = [];
  let done = 0;
  let t = 0;
  for (; done < buyers - 0.5 && t < 900_000; t++) {
    if (t < arrive.length) edgeQ.push([t, arrive[t]!]);
    // Edges: admit up to edgeRate joins this ms; admitted joins join the next batch to the owner.
    let edgeBudget = edgeRate;
    while (edgeBudget > 0 && edgeQ.size) {
      const head = edgeQ.head();
      const take = Math.min(head[1], edgeBudget);
      edgeBudget -= take;
      head[1] -= take;
      ownerQ.push([head[0], take]);
      ownerQueued += take;
      if (head[1] <= 1e-9) edgeQ.shift();
    }
    // Batches leave every batchMs: the owner only sees what was admitted before the last batch boundary.
    if (t % costs.batchMs !== 0) continue;
    let ownerBudget = ownerRate * costs.batchMs;
    peakOwnerBacklog = Math.max(peakOwnerBacklog, ownerQueued);
    while (ownerBudget > 0 && ownerQ.size) {
      const head = ownerQ.head();
      const take = Math.min(head[1], ownerBudget);
      ownerBudget -= take;
      ownerWork += take;
      ownerQueued -= take;
      head[1] -= take;
      pendingWrite.push([head[0], take]);
      if (head[1] <= 1e-9) ownerQ.shift();
    }
    // Group commit: one write in flight; when it lands, everything applied meanwhile goes in the next one.
    if (t >= nextWriteAt && pendingWrite.length) {
      writes += 1;
      const ackAt = t + costs.writeMs;
      for (const [at, n] of pendingWrite) {
        latencies.push([ackAt - at + costs.batchMs / 2, n]);
        done += n;
      }
      pendingWrite = [];
      nextWriteAt = ackAt;
    }
  }
  latencies.sort((a, b) => a[0] - b[0]);
  const pct = (p: number) => {
    let seen = 0;
    for (const [ms, n] of latencies) {
      seen += n;
      if (seen >= p * done) return ms;
    }
    return latencies.at(-1)?.[0] ?? NaN;
  };
  return {
    buyers,
    profile,
    edgeCores,
    p50: pct(0.5),
    p99: pct(0.99),
    max: latencies.at(-1)?.[0] ?? NaN,
    ownerBusy: (ownerWork * costs.ownerUs) / 1e6 / (t / 1000),
    peakOwnerBacklog,
    writesPerSec: writes / (t / 1000),
    doneSec: t / 1000,
  };
}

/**
 * The fewest edge cores that keep p99 under `p99Ms` (the owner's core is extra). When no number of
 * edges does (the owner's one core is the limit), the fewest that get within 5 % of the best p99.
 */
export function edgeCoresFor(buyers: number, costs: Costs, p99Ms: number, profile: Arrivals): Outcome {
  const most = simulate(buyers, 512, costs, profile);
  const goal = most.p99 <= p99Ms ? p99Ms : most.p99 * 1.05;
  // p99 falls as edge cores are added (until the owner bounds it): bisect.
  let lo = 1;
  let hi = 512;
  let best = most;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const o = simulate(buyers, mid, costs, profile);
    if (o.p99 <= goal) {
      best = o;
      hi = mid;
    } else lo = mid + 1;
  }
  return best;
}

export async function run(): Promise<BenchSection> {
  const target = env('CAPACITY_P99_MS', 2_000);
  const rows = [100_000, 1_000_000].flatMap((n) => (['even', 'rush'] as const).map((profile) => edgeCoresFor(n, measured, target, profile)));
  return {
    title: 'Capacity model: one event, buyers arriving within a minute (simulation)',
    markdown: [
      `Costs (CAPACITY_* to change): edge ${fmt(measured.edgeUs)} µs per join + ${fmt(measured.verifyUs)} µs RS256 for a token never seen (every join here), owner ${fmt(measured.ownerUs)} µs per batched join, journal write ${fmt(measured.writeMs)} ms, batches every ${fmt(measured.batchMs)} ms. Arrivals within one minute: evenly, or half in the first 10 s and half evenly. Target join p99 ≤ ${fmt(target)} ms.`,
      '',
      table(
        [
          'buyers',
          'arrivals',
          'edge cores',
          'instances (edges + owner)',
          'p50 ms',
          'p99 ms',
          'max ms',
          'owner core busy',
          'most joins waiting for the owner',
          'journal writes/s',
          'last join acknowledged s',
        ],
        rows.map((r) => [
          fmt(r.buyers),
          r.profile === 'rush' ? 'half in the first 10 s' : 'evenly',
          r.edgeCores,
          r.edgeCores + 1,
          fmt(r.p50),
          fmt(r.p99),
          fmt(r.max),
          `${(r.ownerBusy * 100).toFixed(0)} %`,
          fmt(r.peakOwnerBacklog),
          fmt(r.writesPerSec),
          fmt(r.doneSec, 1),
        ]),
      ),
      '',
      'When edge cores stop being the limit, joins wait for the owner (its one core applies them in order): latency then grows with the backlog, nothing is lost, and more edges cannot help — only a cheaper owner path. A row whose p99 misses the target is bounded by the owner: its edge cores are the fewest that get within 5 % of the best p99 any number of edges gives.',
    ].join('\n'),
  };
}
