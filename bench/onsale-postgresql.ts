/**
 * `npm run bench -- onsale-postgresql`: the on-sale rehearsal with FerretDB on PostgreSQL. Since the
 * embedded PostgreSQL became the default this is what `onsale` runs too; the section stays so its
 * figures in docs/benchmarks.md keep a name (ONSALE_DATABASE=sqlite runs the old SQLite default).
 */
import type { BenchSection } from './run.js';

export async function run(): Promise<BenchSection> {
  process.env.ONSALE_DATABASE = 'postgresql';
  const onsale = await import('./onsale.js');
  const section = await onsale.run();
  return { ...section, title: `${section.title} — FerretDB on PostgreSQL` };
}
