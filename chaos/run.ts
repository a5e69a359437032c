/**
 * `npm run chaos [-- scenario ...]`: the fault runs of issue 7 at full size — crash loop, database
 * outage, webhook storm, hostile input — each on a fresh FerretDB, each writing its counts into
 * docs/benchmarks.md (chaos block). Exits non-zero if any invariant broke. Not part of `npm test`
 * (the short versions are: test/chaos, test/hostile).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { answers, countsTable, verdict, writeChaosResult } from './report.js';
import { crashLoop } from './scenarios/crash-loop.js';
import { dbOutage } from './scenarios/db-outage.js';
import { hostile } from './scenarios/hostile.js';
import { webhookStorm } from './scenarios/webhook-storm.js';
import { benchHarness } from './support/harness.js';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const scratch = (name: string) => mkdtempSync(path.join(os.tmpdir(), `queuetix-chaos-${name}-`));

interface Outcome {
  title: string;
  markdown: string;
  ok: boolean;
}

const scenarios: Record<string, () => Promise<Outcome>> = {
  async 'crash-loop'() {
    const options = {
      kills: num('CHAOS_KILLS', 20),
      buyers: num('CHAOS_BUYERS', 4_000),
      tickets: num('CHAOS_TICKETS', 300),
      joinsPerSec: num('CHAOS_JOINS_PER_SEC', 50),
      upMs: [500, 3_000] as [number, number],
      snapshotEvery: 1_000_000,
    };
    const harness = await benchHarness('crash_loop', scratch('crash-loop'));
    try {
      const r = await crashLoop(harness, options);
      const a = r.audit;
      return {
        title: `Crash loop: ${r.kills} SIGKILLs during an on-sale`,
        ok: r.violations.length === 0,
        markdown: [
          `${fmt(options.buyers)} buyers joining at ${options.joinsPerSec}/s for ${fmt(options.tickets)} tickets (max 2 each, offers of 60 s); 70% of offered buyers pay, 15% give the offer back, 15% let it lapse; the backend is SIGKILLed after 0.5–3 s of uptime and restarted at once, ${r.kills} times. The journal is kept whole (no snapshots) so every command is audited.`,
          '',
          countsTable([
            ['kills survived', r.kills],
            ['restart (spawn → listening), mean / max', `${fmt(r.restartMs.mean)} / ${fmt(r.restartMs.max)} ms`],
            ['requests sent', fmt(r.requests)],
            ['joins', answers(r.answers.join!)],
            ['payments (checkout + complete)', answers(r.answers.pay!)],
            ['entry look-ups', answers(r.answers.me!)],
            ['acknowledged joins / missing after the run', `${fmt(a.acknowledged)} / ${a.acknowledgedMissing}`],
            ['acknowledged joins out of order', a.orderViolations],
            ['skipped in line / offers out of order', `${a.skipped} / ${a.inversions}`],
            ['offers made / expired / expired on recovery', `${a.offers.offersMade} / ${a.offers.offersExpired} / ${a.offers.expiredOnRecovery}`],
            ['commands run while an offer was past its deadline (max overrun)', `${a.offers.commandsPastDeadline} (${a.offers.maxOverrunMs} ms)`],
            ['payments taken on an offer past its deadline', a.offers.purchasesPastDeadline],
            ['live offers shown after their deadline (max)', `${r.lateOfferViews.count} (${r.lateOfferViews.maxMs} ms)`],
            ['sold / tickets stored / total', `${a.sold} / ${a.ticketsStored} / ${a.total}`],
            ['payments buyers saw succeed / lost / doubled / short', `${a.paidSeenByBuyers} / ${a.paidLost} / ${a.paymentsDoubled} / ${a.paymentsShort}`],
            ['tickets without a payment / buyers over their quantity', `${a.ticketsWithoutPayment} / ${a.overQuantity}`],
            ['run time', `${fmt(r.seconds)} s`],
          ]),
          '',
          `Verdict: ${verdict(r.violations)}`,
        ].join('\n'),
      };
    } finally {
      await harness.close();
    }
  },

  async 'db-outage'() {
    const options = { outageMs: num('CHAOS_OUTAGE_MS', 10_000), buyers: 1_500, tickets: 150, joinsPerSec: 50 };
    const harness = await benchHarness('db_outage', scratch('db-outage'));
    try {
      const r = await dbOutage(harness, options);
      const a = r.audit;
      return {
        title: `Database outage: FerretDB stopped for ${options.outageMs / 1000} s mid-sale`,
        ok: r.violations.length === 0,
        markdown: [
          `${fmt(options.buyers)} buyers joining at ${options.joinsPerSec}/s, paying when offered, while pages keep reading the event, its availability, search and tickets; the database is stopped after 3 s and started again ${options.outageMs / 1000} s later.`,
          '',
          countsTable([
            ['requests sent', fmt(r.requests)],
            ['joins', answers(r.answers.join!)],
            ['payments', answers(r.answers.pay!)],
            ['page reads', answers(r.answers.browse!)],
            ['entry look-ups', answers(r.answers.me!)],
            ['5xx other than 503', r.serverErrors],
            ['503 without a clear `unavailable` message', r.unclear503],
            ['requests left hanging (no answer in 30 s)', r.hung],
            ['answers that took 10 s or more', r.slow],
            ['slowest answer', `${fmt(r.slowestMs)} ms`],
            ['database back → joins served again', r.resumedAfterMs === null ? 'never' : `${fmt(r.resumedAfterMs)} ms`],
            ['acknowledged joins / missing', `${fmt(a.acknowledged)} / ${a.acknowledgedMissing}`],
            ['sold / tickets stored', `${a.sold} / ${a.ticketsStored}`],
            ['payments buyers saw succeed / lost / doubled', `${a.paidSeenByBuyers} / ${a.paidLost} / ${a.paymentsDoubled}`],
          ]),
          '',
          `Verdict: ${verdict(r.violations)}`,
        ].join('\n'),
      };
    } finally {
      await harness.close();
    }
  },

  async 'webhook-storm'() {
    const options = { buyers: 120, tickets: 100, givenBack: 10, concurrency: 12 };
    const harness = await benchHarness('webhook_storm', scratch('webhook-storm'));
    try {
      const r = await webhookStorm(harness, options);
      return {
        title: 'Webhook storm: every Stripe event three times, shuffled, some at once',
        ok: r.violations.length === 0,
        markdown: [
          `${options.buyers} buyers for ${options.tickets} tickets on stripe-mock; every offered buyer starts Checkout; ${options.givenBack} give their offer back after starting it (their tickets go to the next in line) and pay anyway. Every \`checkout.session.completed\` (signed) is delivered 3 times with \`checkout.session.expired\` and unrelated events mixed in, shuffled, in concurrent batches of up to ${options.concurrency}.`,
          '',
          countsTable([
            ['checkout sessions', r.sessions],
            ['deliveries', r.deliveries],
            ['answers', answers(r.answers)],
            ['duplicates acknowledged as such', r.duplicatesAcknowledged],
            ['tickets issued / sold', `${r.ticketsIssued} / ${r.sold}`],
            ['refunds made at Stripe (late payments whose tickets were gone)', r.refundsAtStripe],
          ]),
          '',
          `Verdict: ${verdict(r.violations)}`,
        ].join('\n'),
      };
    } finally {
      await harness.close();
    }
  },

  async hostile() {
    const r = await hostile(scratch('hostile'), num('CHAOS_HOSTILE_RUNS', 300));
    const total = Object.values(r.tried).reduce((a, b) => a + b, 0);
    return {
      title: 'Hostile input: property-based bad input over every endpoint',
      ok: r.failures.length === 0 && r.tests > 0,
      markdown: [
        `The suites of test/hostile with ${r.runsPerProperty} inputs per property (fast-check): bodies one mistake from valid and junk JSON for every endpoint that reads one, unknown and malformed path parameters for every route with one, query strings for every list, forged/expired/wrong-audience/tampered tokens on HTTP and sockets, another user's ids, oversized bodies and headers, slow clients. After each property the state everyone can see is compared with before, and /api/health must answer.`,
        '',
        countsTable([
          ['bad inputs tried', fmt(total)],
          ...Object.entries(r.tried).map(([kind, n]) => [`— ${kind}`, fmt(n)] as [string, string]),
          ['checks passed', `${r.passes} / ${r.tests}`],
          ['run time', `${fmt(r.seconds)} s`],
        ]),
        '',
        r.failures.length === 0
          ? 'Verdict: ✅ every bad input got a documented 4xx, nothing changed, the server stayed up'
          : `Verdict: ❌ ${r.failures.map((f) => `${f.title}: ${f.message}`).join('; ')}`,
      ].join('\n'),
    };
  },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(scenarios);
  let failed = false;
  for (const name of names) {
    const run = scenarios[name];
    if (!run) throw new Error(`unknown chaos scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);
    console.error(`[chaos] ${name}…`);
    try {
      const outcome = await run();
      writeChaosResult(name, outcome.title, outcome.markdown);
      console.error(outcome.markdown);
      if (!outcome.ok) failed = true;
    } catch (err) {
      console.error(`[chaos] ${name} could not run:`, err);
      failed = true;
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main().then(() => process.exit(process.exitCode ?? 0));
