/** The actor core's commands per second, in process (no database, no HTTP). */
import * as core from '../backend/src/queue/core/index.js';
import type { BenchSection } from './run.js';
import { fmt, table, verdict } from './stats.js';

function measure(label: string, commands: number, body: () => void): [string, number] {
  const started = process.hrtime.bigint();
  body();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return [label, commands / seconds];
}

export async function run(): Promise<BenchSection> {
  const n = 200_000;
  const rows: Array<[string, number]> = [];
  let now = Date.now();
  const config = { totalTickets: 10_000, maxPerBuyer: 4, offerWindowSec: 600, salesStartAt: null, price: 1000, currency: 'usd', cancelled: false };

  let state = core.createState();
  core.apply(state, { type: 'create', eventId: 'bench', config }, now);
  rows.push(
    measure(`join × ${fmt(n)} (first 10,000 offered at once)`, n, () => {
      for (let i = 0; i < n; i++) core.apply(state, { type: 'join', entryId: `e${i}`, userId: `u${i}`, quantity: 1 }, ++now);
    }),
  );
  rows.push(
    measure(`position look-up × ${fmt(n)}`, n, () => {
      for (let i = 0; i < n; i++) core.entryOfUser(state, `u${i}`);
    }),
  );
  rows.push(
    measure('purchase × 10,000 offers', 10_000, () => {
      for (let i = 0; i < 10_000; i++) {
        core.apply(
          state,
          {
            type: 'purchase',
            paymentId: `p${i}`,
            entryId: `e${i}`,
            offerId: core.offerIdOf(`e${i}`),
            amountPaid: 1000,
            currency: 'usd',
            ticketIds: [`t${i}`],
            ticketCodes: [`c${i}`],
          },
          ++now,
        );
      }
    }),
  );

  state = core.createState();
  core.apply(state, { type: 'create', eventId: 'bench2', config: { ...config, totalTickets: 1_000 } }, now);
  for (let i = 0; i < n; i++) core.apply(state, { type: 'join', entryId: `e${i}`, userId: `u${i}`, quantity: 1 }, ++now);
  rows.push(
    measure('leave (give offer back → next offered) × 50,000', 50_000, () => {
      for (let i = 0; i < 50_000; i++) core.apply(state, { type: 'leave', userId: `u${i}` }, ++now);
    }),
  );
  const encodeStart = performance.now();
  const encoded: unknown = core.encodeSnapshot(state);
  const json = JSON.stringify(encoded);
  const encodeMs = performance.now() - encodeStart;
  const decodeStart = performance.now();
  core.decodeSnapshot(JSON.parse(json));
  const decodeMs = performance.now() - decodeStart;

  const joinRate = rows[0]![1];
  return {
    title: 'Queue core (pure rules, in process)',
    markdown: [
      table(
        ['command', 'per second'],
        rows.map(([label, rate]) => [label, fmt(rate)]),
      ),
      '',
      `Snapshot of ${fmt(n)} entries: ${(json.length / 2 ** 20).toFixed(1)} MB of JSON, encode + stringify ${fmt(encodeMs)} ms, parse + decode ${fmt(decodeMs)} ms.`,
      '',
      `Target ≥ 200,000 core commands/s (joins): ${fmt(joinRate)}/s — ${verdict(joinRate >= 200_000)}.`,
    ].join('\n'),
  };
}
