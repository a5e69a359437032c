// Prints the gzipped size of dist/widget.js and fails above the budget (35 KB gzipped).
// The parts widget.js loads on demand (widget-*.js: the ticket-type picker, proof-of-work) are
// listed too; they are not part of what every page loads.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const budget = 35 * 1024;
const dist = new URL('../dist/', import.meta.url);
const gzipped = (name) => gzipSync(readFileSync(new URL(name, dist)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const main = gzipped('widget.js');
console.log(`widget.js: ${kb(readFileSync(new URL('widget.js', dist)).length)} minified, ${kb(main)} gzipped (budget ${kb(budget)})`);
for (const chunk of readdirSync(dist).filter((f) => /^widget-.+\.js$/.test(f))) console.log(`  on demand: ${chunk} ${kb(gzipped(chunk))} gzipped`);
if (main > budget) {
  console.error('over budget');
  process.exit(1);
}
