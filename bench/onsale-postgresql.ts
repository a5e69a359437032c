/**
 * `npm run bench -- onsale-postgresql`: the on-sale rehearsal with FerretDB storing in the machine's
 * PostgreSQL instead of SQLite files. Same code, same API, same checks: the difference from the
 * `onsale` section is what a database that answers lookups from its indexes changes (FerretDB's
 * SQLite backend scans a table for every read; see the database-lookups section).
 */
import type { BenchSection } from './run.js';

export async function run(): Promise<BenchSection> {
  process.env.ONSALE_DATABASE = 'postgresql';
  const onsale = await import('./onsale.js');
  const section = await onsale.run();
  return { ...section, title: `${section.title} — FerretDB on PostgreSQL` };
}
