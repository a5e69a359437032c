// Prints the gzipped size of dist/widget.js and fails above the budget (35 KB gzipped).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const budget = 35 * 1024;
const file = new URL('../dist/widget.js', import.meta.url);
const raw = readFileSync(file);
const gzipped = gzipSync(raw, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`widget.js: ${kb(raw.length)} minified, ${kb(gzipped)} gzipped (budget ${kb(budget)})`);
if (gzipped > budget) {
  console.error('over budget');
  process.exit(1);
}
