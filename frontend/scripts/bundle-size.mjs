// Gzipped size of the JavaScript a first visit downloads: the entry chunk and every chunk it
// imports statically (transitively), as listed by Vite's manifest. Lazy routes are not counted.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

function closure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return seen;
}

function size(keys) {
  let raw = 0;
  let gz = 0;
  for (const key of keys) {
    const buf = readFileSync(join(dist, manifest[key].file));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  return { raw, gz };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const page = (name) => Object.keys(manifest).find((k) => k.endsWith(`/${name}.vue`));
const report = [
  ['Initial JS (entry + static imports)', closure([entry])],
  ['First visit to / (plus HomePage chunk)', closure([entry, page('HomePage')])],
  ['First visit to /events/:id (plus EventPage chunk)', closure([entry, page('EventPage')])],
];
for (const [label, keys] of report) {
  const { raw, gz } = size(keys);
  console.log(`${label}: ${kb(gz)} gzipped (${kb(raw)} raw, ${keys.size} files)`);
}
