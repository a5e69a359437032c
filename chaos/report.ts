/**
 * Fault-run results in docs/benchmarks.md: one `chaos` block between markers, holding one
 * sub-block per scenario, so running one scenario keeps the others' last results (the same idea
 * as bench/run.ts's sections).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../scripts/lib/tools.js';

const docFile = path.join(repoRoot, 'docs/benchmarks.md');
const OPEN = '<!-- chaos -->';
const CLOSE = '<!-- /chaos -->';

const intro = [
  '## Fault runs (`npm run chaos`)',
  '',
  'The worst day on purpose: each scenario runs against real backend processes on a fresh FerretDB and checks the',
  "sale's invariants afterwards from the database and the API. Short versions of each run in `npm test` (test/chaos, test/hostile).",
].join('\n');

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
}

/** Writes (or replaces) one scenario's block inside the chaos block. */
export function writeChaosResult(name: string, title: string, markdown: string): void {
  let doc = existsSync(docFile) ? readFileSync(docFile, 'utf8') : '# Benchmarks\n';
  if (!doc.includes(OPEN)) doc = `${doc.trimEnd()}\n\n${OPEN}\n${intro}\n${CLOSE}\n`;
  const block = `<!-- chaos:${name} -->\n### ${title}\n\n_Last run ${new Date().toISOString()} on ${machine()}._\n\n${markdown.trim()}\n<!-- /chaos:${name} -->`;
  const pattern = new RegExp(`<!-- chaos:${name} -->[\\s\\S]*?<!-- /chaos:${name} -->`);
  doc = pattern.test(doc) ? doc.replace(pattern, block) : doc.replace(CLOSE, `\n${block}\n${CLOSE}`);
  writeFileSync(docFile, doc);
}

export const verdict = (violations: string[]) =>
  violations.length === 0 ? '✅ every invariant held' : `❌ ${violations.length} broken: ${violations.join('; ')}`;

export function countsTable(rows: Array<[string, string | number]>): string {
  return ['| measure | value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

/** "201: 3,900 · 0 refused: 1,200" from a tally. */
export function answers(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length ? entries.map(([k, v]) => `${k}: ${v.toLocaleString('en-US')}`).join(' · ') : '—';
}
