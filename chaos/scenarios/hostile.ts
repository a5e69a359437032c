/**
 * Hostile input at scale: the property suites of test/hostile run with many more inputs per
 * property, in their own mocha process (they need the test harness's FerretDB and world).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/tools.js';

export interface HostileReport {
  runsPerProperty: number;
  tests: number;
  passes: number;
  failures: Array<{ title: string; message: string }>;
  /** Inputs tried, by kind (bodies, path parameters, query strings, tokens...). */
  tried: Record<string, number>;
  seconds: number;
}

export async function hostile(dir: string, runsPerProperty: number): Promise<HostileReport> {
  const started = Date.now();
  const results = path.join(dir, 'hostile-mocha.json');
  const counts = path.join(dir, 'hostile-counts.json');
  const mocha = path.join(repoRoot, 'node_modules/mocha/bin/mocha.js');
  const args = [mocha, '--no-config', '--node-option', 'import=tsx', '--require', 'test/support/hooks.ts', '--timeout', '1800000', '--exit'];
  args.push('--reporter', 'json', '--reporter-option', `output=${results}`, 'test/hostile/*.test.ts');
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, QUEUETIX_HOSTILE_RUNS: String(runsPerProperty), QUEUETIX_HOSTILE_REPORT: counts },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', () => resolve());
  });
  if (!existsSync(results)) throw new Error('the hostile suite wrote no results (see its output above)');
  const report = JSON.parse(readFileSync(results, 'utf8')) as {
    stats: { tests: number; passes: number };
    failures: Array<{ fullTitle: string; err: { message?: string } }>;
  };
  return {
    runsPerProperty,
    tests: report.stats.tests,
    passes: report.stats.passes,
    failures: report.failures.map((f) => ({ title: f.fullTitle, message: (f.err.message ?? '').slice(0, 300) })),
    tried: existsSync(counts) ? (JSON.parse(readFileSync(counts, 'utf8')) as Record<string, number>) : {},
    seconds: (Date.now() - started) / 1000,
  };
}
