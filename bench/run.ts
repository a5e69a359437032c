/**
 * `npm run bench [-- section ...]`: runs benchmark sections and writes each one's table into
 * docs/benchmarks.md between its markers, so running one section keeps the others' last results.
 * Not part of the test suite; targets live here, never in tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../scripts/lib/tools.js';

export interface BenchSection {
  title: string;
  markdown: string;
}
type SectionRunner = () => Promise<BenchSection>;

/** Each section is a module in bench/ exporting `run(): Promise<BenchSection>`. */
const section = (file: string) => async () => ((await import(file)) as { run: SectionRunner }).run;
const sections: Record<string, () => Promise<SectionRunner>> = {
  'queue-core': section('./queue-core.ts'),
  'queue-http': section('./queue-http.ts'),
  'queue-capacity': section('./queue-capacity.ts'),
  'realtime-fanout': section('./realtime-fanout.ts'),
  scaleout: section('./scaleout.ts'),
  'batched-owner': section('./batched-owner.ts'),
  'capacity-model': section('./capacity-model.ts'),
  bundles: section('./bundles.ts'),
  'database-lookups': section('./database-lookups.ts'),
  'proof-of-work': section('./proof-of-work.ts'),
};
/** Run only when named (long). */
const optIn: Record<string, () => Promise<SectionRunner>> = {
  onsale: section('./onsale.ts'),
  'onsale-postgresql': section('./onsale-postgresql.ts'),
};

const docFile = path.join(repoRoot, 'docs/benchmarks.md');

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

function writeSection(name: string, section: BenchSection): void {
  const header =
    '# Benchmarks\n\nWritten by `npm run bench` (sections can be run alone: `npm run bench -- queue-http`). Each section notes the machine and date of its last run.\n';
  let doc = existsSync(docFile) ? readFileSync(docFile, 'utf8') : header;
  const block = `<!-- bench:${name} -->\n## ${section.title}\n\n_Last run ${new Date().toISOString()} on ${machine()}._\n\n${section.markdown.trim()}\n<!-- /bench:${name} -->`;
  const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  doc = pattern.test(doc) ? doc.replace(pattern, block) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(docFile, doc);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const all = { ...sections, ...optIn };
  const names = wanted.length ? wanted : Object.keys(sections);
  for (const name of names) {
    const load = all[name];
    if (!load) throw new Error(`unknown bench section ${name}; known: ${Object.keys(all).join(', ')}`);
    console.error(`[bench] ${name}…`);
    try {
      const section = await (await load())();
      writeSection(name, section);
      console.error(section.markdown);
    } catch (err) {
      console.error(`[bench] ${name} failed:`, err);
      process.exitCode = 1;
    }
  }
  try {
    execFileSync('git', ['diff', '--stat', '--', 'docs/benchmarks.md'], { cwd: repoRoot, stdio: 'inherit' });
  } catch {
    /* not a checkout */
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void main().then(() => process.exit(process.exitCode ?? 0));
}
