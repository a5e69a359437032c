/**
 * Proof-of-work on join: the server's cost of checking one proof (in process, CPU µs), and joins
 * over HTTP into an event with proof-of-work on beside one with it off, in the same run (the
 * issue's bar: the server side within 10 % of joins without it). The two events are loaded in
 * alternating rounds, so neither is favoured by a warmer process or a smaller database, and each
 * round is measured by its wall time and the backend's CPU time (/proc), not by autocannon's
 * per-second samples (10,000 joins in 4.6 s and in 4.9 s both average "2,000/s" there). Proofs
 * are solved before the load starts, with a small difficulty: checking costs the same whatever the
 * difficulty (one HMAC, one SHA-256).
 */
import { createHash } from 'node:crypto';
import type { PowChallenge } from '@queuetix/contracts/pow';
import type { EventDoc } from '../backend/src/events/event-doc.js';
import type { EventService } from '../backend/src/events/event-service.js';
import { ProofOfWork } from '../backend/src/fairness/proof-of-work.js';
import { createLogger } from '../backend/src/logger.js';
import type { BenchSection } from './run.js';
import { fmt, table, verdict } from './stats.js';
import { json, mintTokens, newEvent, scratchDir, startBackend, startDatabase } from './support/environment.js';
import { cpuSeconds } from './support/proc-stat.js';
import { timedLoad } from './support/timed-load.js';

const DIFFICULTY = 200;

function solve(c: Pick<PowChallenge, 'algorithm' | 'challenge' | 'maxnumber' | 'salt' | 'signature'>): string {
  for (let number = 0; number <= c.maxnumber; number++) {
    if (
      createHash('sha256')
        .update(c.salt + number)
        .digest('hex') === c.challenge
    ) {
      return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature })).toString('base64');
    }
  }
  throw new Error('unsolvable');
}

/** CPU µs of one checkJoin: with mode on and a fresh proof each time, and with mode off (the policy look-up alone). */
async function checkCost(): Promise<{ proofUs: number; offUs: number; count: number }> {
  const eventsIn = (powMode: string) => ({ get: async () => ({ powMode, availability: { waiting: 0 } }) as unknown as EventDoc }) as unknown as EventService;
  const config = {
    POW_HMAC_KEY: 'bench-key-0123456789abcdef',
    CLUSTER_SECRET: undefined,
    POW_MAX_NUMBER: DIFFICULTY,
    POW_CHALLENGE_TTL_SEC: 600,
    POW_AUTO_WAITING: 0,
    POW_AUTO_JOINS_PER_SEC: 0,
  };
  const on = new ProofOfWork(config, eventsIn('on'), createLogger('warn'));
  const off = new ProofOfWork(config, eventsIn('off'), createLogger('warn'));
  const count = 5_000;
  const proofs: [string, string][] = [];
  for (let i = 0; i < count; i++) proofs.push([`u${i}`, solve(await on.challenge('ev', `u${i}`))]);
  // Warm-up (and the first look-up of each policy).
  await on.checkJoin('ev', proofs[0]![0], proofs[0]![1]);
  await off.checkJoin('ev', 'u0', undefined);
  const cpuUs = async (fn: (i: number) => Promise<void>) => {
    const before = process.cpuUsage();
    for (let i = 1; i < count; i++) await fn(i);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / (count - 1);
  };
  const proofUs = await cpuUs((i) => on.checkJoin('ev', proofs[i]![0], proofs[i]![1]));
  const offUs = await cpuUs((i) => off.checkJoin('ev', proofs[i]![0], undefined));
  return { proofUs, offUs, count };
}

/** One round of joins; `wallMs` and the backend's CPU seconds measured around it. */
async function joins(url: string, pid: number, tokens: string[], proofs: string[] | null) {
  let i = 0;
  const cpuBefore = cpuSeconds(pid);
  const { result, seconds } = await timedLoad({
    url,
    connections: 100,
    pipelining: 1,
    amount: tokens.length,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: any) => {
          const k = i++;
          const body = JSON.stringify(proofs ? { quantity: 1, pow: proofs[k] } : { quantity: 1 });
          return { ...req, body, headers: { ...req.headers, authorization: `Bearer ${tokens[k]}` } };
        },
      },
    ],
  });
  return {
    ok: result['2xx'] as number,
    wallMs: seconds * 1000,
    cpuSec: cpuSeconds(pid) - cpuBefore,
    p99: result.latency.p99 as number,
    bad: (result.errors + result.timeouts + result.non2xx) as number,
  };
}

interface Tally {
  joins: number;
  wallMs: number;
  cpuSec: number;
  p99: number;
  bad: number;
}

const ROUNDS = 4;
const N = 10_000;
const WARM_UP = 500;

export async function run(): Promise<BenchSection> {
  const cost = await checkCost();
  const dir = scratchDir('pow');
  const db = await startDatabase(dir);
  const backend = await startBackend({
    mongoUrl: db.url,
    dbName: 'bench',
    dataDir: dir,
    env: { POW_MAX_NUMBER: String(DIFFICULTY), POW_CHALLENGE_TTL_SEC: '3600' },
  });
  try {
    const seller = await json(`${backend.url}/api/dev/sign-in`, { method: 'POST', body: { name: 'Bench Seller', role: 'seller' } });
    const modes = [
      {
        name: 'off',
        event: await newEvent(backend.url, seller.token, 1_000, { powMode: 'off' }),
        tokens: await mintTokens(dir, WARM_UP + N, 'off'),
        proofs: null as string[] | null,
      },
      {
        name: 'on',
        event: await newEvent(backend.url, seller.token, 1_000, { powMode: 'on' }),
        tokens: await mintTokens(dir, WARM_UP + N, 'on'),
        proofs: [] as string[] | null,
      },
    ];
    // Both sets of buyers fetch a challenge first (so sessions are equally warm); only one set solves it.
    for (const mode of modes) {
      for (let k = 0; k < mode.tokens.length; k += 500) {
        const batch = await Promise.all(
          mode.tokens.slice(k, k + 500).map((t) => json(`${backend.url}/api/events/${mode.event}/queue/challenge`, { token: t })),
        );
        mode.proofs?.push(...batch.map((c) => solve(c)));
      }
    }
    const round = (mode: (typeof modes)[number], from: number, to: number) =>
      joins(`${backend.url}/api/events/${mode.event}/queue`, backend.pid, mode.tokens.slice(from, to), mode.proofs?.slice(from, to) ?? null);
    for (const mode of modes) await round(mode, 0, WARM_UP);
    const tallies = modes.map((): Tally => ({ joins: 0, wallMs: 0, cpuSec: 0, p99: 0, bad: 0 }));
    const per = N / ROUNDS;
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which event goes first.
      for (const m of r % 2 === 0 ? [0, 1] : [1, 0]) {
        const result = await round(modes[m]!, WARM_UP + r * per, WARM_UP + (r + 1) * per);
        const tally = tallies[m]!;
        tally.joins += result.ok;
        tally.wallMs += result.wallMs;
        tally.cpuSec += result.cpuSec;
        tally.p99 = Math.max(tally.p99, result.p99);
        tally.bad += result.bad;
      }
    }
    const [off, on] = tallies.map((t) => ({ ...t, rps: t.joins / (t.wallMs / 1000), cpuUs: (t.cpuSec * 1e6) / t.joins })) as [
      Tally & { rps: number; cpuUs: number },
      Tally & { rps: number; cpuUs: number },
    ];
    const rpsRatio = on.rps / off.rps;
    const cpuRatio = on.cpuUs / off.cpuUs;
    return {
      title: 'Proof-of-work on join: cost of checking a proof, and joins/s with it on',
      markdown: [
        `Checking a join in process, CPU per call (${fmt(cost.count)} calls each): with proof-of-work on and a fresh proof ` +
          `(expiry, binding, HMAC + SHA-256, replay memory) ${fmt(cost.proofUs, 1)} µs; with it off (the policy look-up alone) ` +
          `${fmt(cost.offUs, 1)} µs; the proof's own cost ${fmt(cost.proofUs - cost.offUs, 1)} µs.`,
        '',
        `Joins over HTTP, ${fmt(N)} buyers per event in ${ROUNDS} alternating rounds after ${fmt(WARM_UP)} warm-up joins each ` +
          '(autocannon, 100 connections, warm sessions), one backend on FerretDB on the embedded PostgreSQL; joins/s = joins ÷ wall time of the rounds, ' +
          'backend CPU = its user + system time over the rounds ÷ joins:',
        '',
        table(
          ['event', 'joins', 'joins/s', 'backend CPU µs per join', 'worst round p99 ms', 'errors / non-2xx'],
          [
            ['proof-of-work off (baseline)', fmt(off.joins), fmt(off.rps), fmt(off.cpuUs), fmt(off.p99, 1), off.bad],
            ['proof-of-work on (every join carries a solved proof)', fmt(on.joins), fmt(on.rps), fmt(on.cpuUs), fmt(on.p99, 1), on.bad],
          ],
        ),
        '',
        `- the proof's own CPU as a share of a join's backend CPU without it: ${fmt(((cost.proofUs - cost.offUs) / off.cpuUs) * 100, 1)} % ` +
          '(what the HTTP ratios below can be expected to show, within their noise)',
        `- joins/s with proof-of-work on, as a ratio to off: ${rpsRatio.toFixed(2)} × (within 10 %: ≥ 0.90) — ${verdict(rpsRatio >= 0.9)}`,
        `- backend CPU per join with proof-of-work on, as a ratio to off: ${cpuRatio.toFixed(2)} × (within 10 %: ≤ 1.10) — ${verdict(cpuRatio <= 1.1)}`,
        `- every join with a proof accepted: ${on.bad === 0 && on.joins === N ? 'yes' : `${N - on.joins} refused or failed`} — ${verdict(on.bad === 0 && on.joins === N)}`,
      ].join('\n'),
    };
  } finally {
    await backend.stop();
    await db.stop();
  }
}
