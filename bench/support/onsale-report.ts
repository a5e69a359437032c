/** The on-sale bench's table and verdicts for docs/benchmarks.md. */
import type { SaleAudit } from '../../chaos/support/audit.js';
import { fmt, mb, percentile, table, verdict } from '../stats.js';
import type { HotSpot } from './cpu-profile-summary.js';

export interface OnsaleResult {
  /** Which database the backend ran on. */
  database: string;
  /** The chart's file name in docs/. */
  chartFile: string;
  sizes: { tickets: number; buyers: number; sockets: number; socketProcesses: number; connections: number; payConcurrency: number; offerWindowSec: number };
  joins: {
    startedAt: number;
    seconds: number;
    total: number;
    rps: number;
    p50: number;
    p99: number;
    max: number;
    offers: number;
    errors: Record<string, number>;
    bucketMs: number;
    timeline: number[];
  };
  soldOutSec: number | null;
  offers: { count: number; spanSec: number };
  push: { position: number[]; offer: number[]; entryPushes: number; availabilityPushes: number; connected: number; failed: number; disconnected: number };
  bare: { koa: Record<string, number>; broadcast: { clients: number; messages: number; p50: number; p99: number; max: number } };
  server: { rssPeak: number; cpuCores: number; dbCpuCores: number | null };
  /** CPU seconds each process used from sales open to the sell-out and the last join (coreTime in onsale.ts), and that window in seconds. */
  cores: { windowSec: number; processes: Array<{ name: string; seconds: number }> };
  payments: Record<string, number>;
  availability: { total: number; sold: number; held: number; soldOut: boolean };
  checks: SaleAudit;
  hotSpots: HotSpot[];
  /** Database commands by total time (ONSALE_WIRE_STATS=1). */
  dbCommands: Array<{ command: string; n: number; totalMs: number; maxMs: number }>;
}

const codes = (counts: Record<string, number>) => {
  const entries = Object.entries(counts);
  return entries.length ? entries.map(([k, v]) => `${k}: ${fmt(v)}`).join(', ') : 'none';
};

export function onsaleMarkdown(r: OnsaleResult): string {
  const { sizes, joins, push, bare, checks } = r;
  const pushP99 = Math.max(percentile(push.position, 99), percentile(push.offer, 99));
  const pushRatio = pushP99 / bare.broadcast.p99;
  const joinErrors = Object.values(joins.errors).reduce((a, b) => a + b, 0);
  const paymentErrors = Object.entries(r.payments)
    .filter(([k]) => !k.startsWith('200'))
    .reduce((a, [, v]) => a + v, 0);
  const errors = joinErrors + paymentErrors + push.failed + push.disconnected;
  const soldOut = r.soldOutSec ?? Infinity;
  const endChecks: Array<[string, boolean, string]> = [
    [
      'sold == tickets (API and database)',
      r.availability.sold === sizes.tickets && checks.sold === sizes.tickets && checks.ticketsStored === sizes.tickets,
      `${fmt(r.availability.sold)} / ${fmt(checks.sold)} / ${fmt(checks.ticketsStored)} stored`,
    ],
    ['nobody holds more than they asked for', checks.overQuantity === 0, `${checks.overQuantity} over`],
    ['offers in queue order (inversions, skips)', checks.inversions === 0 && checks.skipped === 0, `${checks.inversions}, ${checks.skipped}`],
    [
      'every payment has its tickets',
      checks.paymentsShort === 0 && checks.paidLost === 0 && checks.unsettled === 0,
      `${checks.paymentsShort} short, ${checks.paidLost} lost, ${checks.unsettled} unsettled`,
    ],
    [
      'every ticket has its payment, none doubled',
      checks.ticketsWithoutPayment === 0 && checks.paymentsDoubled === 0,
      `${checks.ticketsWithoutPayment} orphan, ${checks.paymentsDoubled} doubled`,
    ],
  ];
  return [
    `One event with ${fmt(sizes.tickets)} tickets (max 4 per buyer; asks of 1–4, mean 1.85); ${fmt(sizes.buyers)} buyers with dev tokens made in advance join over HTTP from a separate process (autocannon, ${sizes.connections} connections, no pipelining) as fast as the server answers — tokens never seen before, except the ${fmt(sizes.sockets)} buyers who opened the event page first: they hold Socket.IO connections (${sizes.socketProcesses} client processes) watching the event and their entry. Every buyer offered pays at once through demo checkout (${sizes.payConcurrency} at a time; offers last ${sizes.offerWindowSec / 60} min so none lapses while payments queue). Sales open when the first join is sent. Database: ${r.database}. Everything — server, database, load generator, socket clients, payers — shares this machine's cores.`,
    '',
    table(
      ['measure', 'value'],
      [
        ['joins/s (all buyers, over HTTP)', `${fmt(joins.rps)} (${fmt(joins.total)} in ${fmt(joins.seconds, 1)} s)`],
        ['join latency p50 / p99 / max', `${fmt(joins.p50, 1)} / ${fmt(joins.p99, 1)} / ${fmt(joins.max, 1)} ms`],
        ['sales open → sold out', r.soldOutSec === null ? 'not sold out' : `${fmt(r.soldOutSec, 1)} s`],
        [
          'offers made, offers/s (first to last offer)',
          `${fmt(r.offers.count)}, ${r.offers.spanSec > 0 ? fmt(r.offers.count / r.offers.spanSec) : 'n/a'}/s over ${fmt(r.offers.spanSec, 1)} s`,
        ],
        [
          'push latency, place in line p50 / p99 (buyers timed)',
          `${fmt(percentile(push.position, 50))} / ${fmt(percentile(push.position, 99))} ms (${fmt(push.position.length)})`,
        ],
        [
          'push latency, offer p50 / p99 (buyers timed)',
          `${fmt(percentile(push.offer, 50))} / ${fmt(percentile(push.offer, 99))} ms (${fmt(push.offer.length)})`,
        ],
        ['pushes received: entry / availability', `${fmt(push.entryPushes)} / ${fmt(push.availabilityPushes)}`],
        [
          'baseline: bare Socket.IO broadcast to the same clients p50 / p99',
          `${fmt(bare.broadcast.p50)} / ${fmt(bare.broadcast.p99)} ms (${fmt(bare.broadcast.clients)} clients, ${fmt(bare.broadcast.messages)} messages)`,
        ],
        ['baseline: bare Koa JSON endpoint', `${fmt(bare.koa.rps!)} req/s, p99 ${fmt(bare.koa.p99!, 1)} ms`],
        ['ratios: joins ÷ bare Koa; push p99 ÷ bare broadcast p99', `${(joins.rps / bare.koa.rps!).toFixed(2)} ×; ${pushRatio.toFixed(2)} ×`],
        ['errors: joins', codes(joins.errors)],
        ['errors: payments (non-200 answers, retried)', codes(Object.fromEntries(Object.entries(r.payments).filter(([k]) => !k.startsWith('200'))))],
        ['errors: sockets (failed to connect / dropped)', `${push.failed} / ${push.disconnected}`],
        ['server RSS peak', mb(r.server.rssPeak)],
        [
          'server CPU during the sale (cores of 2)',
          `${r.server.cpuCores.toFixed(2)} (FerretDB ${r.server.dbCpuCores === null ? 'n/a' : r.server.dbCpuCores.toFixed(2)})`,
        ],
      ],
    ),
    '',
    `Where the cores' time went from sales open until the last join was answered and the event was sold out (${fmt(r.cores.windowSec, 1)} s; 2 cores = ${fmt(2 * r.cores.windowSec, 1)} CPU s):`,
    '',
    table(
      ['process', 'CPU s', 'cores'],
      [
        ...r.cores.processes.map((p) => [p.name, fmt(p.seconds, 1), (p.seconds / r.cores.windowSec).toFixed(2)]),
        [
          'total',
          fmt(
            r.cores.processes.reduce((n, p) => n + p.seconds, 0),
            1,
          ),
          (r.cores.processes.reduce((n, p) => n + p.seconds, 0) / r.cores.windowSec).toFixed(2),
        ],
      ],
    ),
    '',
    `![Joins answered and tickets sold over time](${r.chartFile})`,
    '',
    'End checks, from the API and from the database (queue rebuilt from snapshot + journal, tickets collection):',
    '',
    table(
      ['check', 'held', 'counts'],
      endChecks.map(([name, ok, counts]) => [name, ok ? '✅' : '❌', counts]),
    ),
    '',
    'Targets:',
    `- sold out in under 60 s with 0 errors: ${r.soldOutSec === null ? 'not sold out' : `${fmt(soldOut, 1)} s`}, ${fmt(errors)} errors — ${verdict(soldOut < 60 && errors === 0)}`,
    `- ≥ 10,000 joins/s: ${fmt(joins.rps)}/s — ${verdict(joins.rps >= 10_000)}`,
    `- p99 push latency within 1.2 × the bare broadcast: ${fmt(pushP99)} ms vs ${fmt(bare.broadcast.p99)} ms (${pushRatio.toFixed(2)} ×) — ${verdict(pushRatio <= 1.2)}`,
    `- RSS under 1 GB: ${mb(r.server.rssPeak)} — ${verdict(r.server.rssPeak < 2 ** 30)}`,
    ...(r.hotSpots.length
      ? [
          '',
          '<details><summary>Backend CPU profile (node --cpu-prof): top self time</summary>',
          '',
          table(
            ['function', 'self %'],
            r.hotSpots.map((h) => [h.where.replace(/\|/g, '\\|'), h.percent.toFixed(1)]),
          ),
          '',
          '</details>',
        ]
      : []),
    ...(r.dbCommands.length
      ? [
          '',
          '<details><summary>Database commands by total time (wire-level timing proxy)</summary>',
          '',
          table(
            ['command {filter}', 'count', 'mean ms', 'max ms', 'total s'],
            r.dbCommands.slice(0, 12).map((c) => [c.command, fmt(c.n), fmt(c.totalMs / c.n, 1), fmt(c.maxMs), fmt(c.totalMs / 1000, 1)]),
          ),
          '',
          '</details>',
        ]
      : []),
  ].join('\n');
}
