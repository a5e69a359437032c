/** Gzipped sizes of what browsers download first: the site's initial JavaScript and the widget. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../scripts/lib/tools.js';
import type { BenchSection } from './run.js';
import { table, verdict } from './stats.js';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The scripts index.html loads eagerly: its module entry plus modulepreload links. */
function initialScripts(dist: string): string[] {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  return [...new Set(srcs)].map((s) => path.join(dist, s.replace(/^\//, '')));
}

export async function run(): Promise<BenchSection> {
  const rows: Array<Array<string>> = [];
  const notes: string[] = [];
  const siteDist = path.join(repoRoot, 'frontend/dist');
  if (existsSync(path.join(siteDist, 'index.html'))) {
    const files = initialScripts(siteDist);
    const gz = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    const raw = files.reduce((sum, f) => sum + readFileSync(f).length, 0);
    const lazy = readdirSync(path.join(siteDist, 'assets')).filter((f) => f.endsWith('.js')).length - files.length;
    rows.push(['site: initial JavaScript', `${files.length} file(s)`, kb(raw), kb(gz)]);
    notes.push(`- site initial JS under 150 KB gzipped: ${kb(gz)} — ${verdict(gz < 150 * 1024)} (${lazy} more chunks load on demand)`);
  } else notes.push('- site not built (run `npm run build -w @queuetix/frontend`)');
  const widget = path.join(repoRoot, 'widget/dist/widget.js');
  if (existsSync(widget)) {
    const bytes = readFileSync(widget);
    const gz = gzipSync(bytes, { level: 9 }).length;
    rows.push(['widget: /widget.js (incl. socket.io-client)', '1 file', kb(bytes.length), kb(gz)]);
    notes.push(`- widget at most 35 KB gzipped: ${kb(gz)} — ${verdict(gz <= 35 * 1024)}`);
  } else notes.push('- widget not built (run `npm run build -w @queuetix/widget`)');
  return { title: 'Bundle sizes', markdown: [table(['bundle', 'files', 'raw', 'gzip -9'], rows), '', ...notes].join('\n') };
}
