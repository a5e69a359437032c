/**
 * Proof-of-work on join: the server's cost of checking one proof (in process), and joins/s over
 * HTTP into an event with proof-of-work on beside one with it off, in the same run (the issue's
 * bar: the server side within 10 % of joins without it). Proofs are solved before the load starts,
 * with a small difficulty: checking costs the same whatever the difficulty (one HMAC, one SHA-256).
 */
import { createHash } from 'node:crypto';
import autocannon from 'autocannon';
import type { PowChallenge } from '@queuetix/contracts/pow';
import type { EventDoc } from '../backend/src/events/event-doc.js';
import type { EventService } from '../backend/src/events/event-service.js';
import { ProofOfWork } from '../backend/src/fairness/proof-of-work.js';
import { createLogger } from '../backend/src/logger.js';
import type { BenchSection } from './run.js';
import { fmt, table, verdict } from './stats.js';
import { json, mintTokens, scratchDir, startBackend, startDatabase } from './support/environment.js';

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

async function checkCost(): Promise<{ perProofUs: number; count: number }> {
  const events = { get: async () => ({ powMode: 'on', availability: { waiting: 0 } }) as unknown as EventDoc } as unknown as EventService;
  const config = {
    POW_HMAC_KEY: 'bench-key-0123456789abcdef',
    CLUSTER_SECRET: undefined,
    POW_MAX_NUMBER: DIFFICULTY,
    POW_CHALLENGE_TTL_SEC: 600,
    POW_AUTO_WAITING: 0,
    POW_AUTO_JOINS_PER_SEC: 0,
  };
  const pow = new ProofOfWork(config, events, createLogger('warn'));
  const count = 5_000;
  const proofs: [string, string][] = [];
  for (let i = 0; i < count; i++) proofs.push([`u${i}`, solve(await pow.challenge('ev', `u${i}`))]);
  await pow.checkJoin('ev', proofs[0]![0], proofs[0]![1]); // warm-up
  const started = performance.now();
  for (let i = 1; i < count; i++) await pow.checkJoin('ev', proofs[i]![0], proofs[i]![1]);
  return { perProofUs: ((performance.now() - started) * 1000) / (count - 1), count };
}

async function joins(url: string, tokens: string[], proofs: string[] | null) {
  let i = 0;
  const result = await autocannon({
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
  return { rps: result.requests.average, p99: result.latency.p99, bad: result.errors + result.timeouts + result.non2xx };
}

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
    const newEvent = async (powMode: string) =>
      (
        await json(`${backend.url}/api/events`, {
          method: 'POST',
          token: seller.token,
          body: {
            name: 'Bench',
            description: 'bench',
            location: 'Loopback',
            eventDate: new Date(Date.now() + 86_400_000).toISOString(),
            price: 1000,
            totalTickets: 1_000,
            maxPerBuyer: 1,
            offerWindowSec: 600,
            powMode,
          },
        })
      ).id as string;
    const N = 10_000;
    const offTokens = await mintTokens(dir, N, 'off');
    const onTokens = await mintTokens(dir, N, 'on');
    const offEvent = await newEvent('off');
    const onEvent = await newEvent('on');
    // Both sets of buyers fetch a challenge first (so sessions are equally warm); only one set solves it.
    const proofs: string[] = [];
    for (const [tokens, event, keep] of [
      [offTokens, offEvent, false],
      [onTokens, onEvent, true],
    ] as const) {
      for (let k = 0; k < tokens.length; k += 500) {
        const batch = await Promise.all(tokens.slice(k, k + 500).map((t) => json(`${backend.url}/api/events/${event}/queue/challenge`, { token: t })));
        if (keep) proofs.push(...batch.map((c) => solve(c)));
      }
    }
    const off = await joins(`${backend.url}/api/events/${offEvent}/queue`, offTokens, null);
    const on = await joins(`${backend.url}/api/events/${onEvent}/queue`, onTokens, proofs);
    const ratio = on.rps / off.rps;
    return {
      title: 'Proof-of-work on join: cost of checking a proof, and joins/s with it on',
      markdown: [
        `Checking one proof in process (${fmt(cost.count)} proofs: expiry, binding, HMAC + SHA-256, replay memory): ${fmt(cost.perProofUs, 1)} µs.`,
        '',
        `Joins over HTTP, ${fmt(N)} buyers each (autocannon, 100 connections, warm sessions), one backend on FerretDB (SQLite):`,
        '',
        table(
          ['event', 'joins/s', 'p99 ms', 'errors / non-2xx'],
          [
            ['proof-of-work off', fmt(off.rps), fmt(off.p99, 1), off.bad],
            ['proof-of-work on (every join carries a solved proof)', fmt(on.rps), fmt(on.p99, 1), on.bad],
          ],
        ),
        '',
        `- server side within 10 % of joins without proof-of-work: ${ratio.toFixed(2)} × — ${verdict(ratio >= 0.9)}`,
        `- every join with a proof accepted: ${on.bad === 0 ? 'yes' : `${on.bad} refused or failed`} — ${verdict(on.bad === 0)}`,
      ].join('\n'),
    };
  } finally {
    await backend.stop();
    await db.stop();
  }
}
