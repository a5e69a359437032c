import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

/**
 * Docs and comments stay true to the tree: every repository file they cite exists. A cited path is
 * looked up from the citing file's folder and each folder above it, then from each workspace's root
 * (docs/widget.md speaks of `src/api/guards.ts`, meaning the widget's); a bare file name must exist
 * somewhere in the repository. Rules come from docs/domain.md, never a file outside the repository.
 */

const root = path.resolve(import.meta.dirname, '../..');
const workspaceRoots = ['backend', 'backend/src', 'frontend', 'frontend/src', 'widget', 'packages/contracts', 'packages/contracts/src'];

function repoFiles(): string[] {
  const list = (...args: string[]) =>
    execFileSync('git', ['ls-files', '-z', ...args], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
  return [...new Set([...list(), ...list('--others', '--exclude-standard')])];
}

const files = repoFiles();
const known = new Set(files);
const folders = new Set(
  files.flatMap((file) =>
    file
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
  ),
);
const baseNames = new Set(files.map((file) => path.posix.basename(file)));

/** `queue/core/apply.ts`, `../support/backend.ts`, `docs/domain.md`; not part of a URL, an npm name (`@scope/x`) or a longer word. */
const citedFile = /(?<![\w@/.:-])((?:\.{1,2}\/)*[\w-][\w.-]*(?:\/[\w.*-]+)*\.(?:ts|md|mjs|cjs|js|vue|json|sh|yml|svg))(?![\w/-])/g;
/** Folders are cited as `backend/src/queue/core/`: only those under a top-level folder of ours. */
const citedFolder = /(?<![\w@/.:-])((?:backend|frontend|widget|packages|docs|test|scripts|bench|chaos|tools)\/(?:[\w.-]+\/)*)(?![\w.-])/g;

/** The parts of a file that are prose: comments in code, everything in Markdown. */
function proseLines(file: string, text: string): { line: number; text: string }[] {
  const lines = text.split('\n').map((t, i) => ({ line: i + 1, text: t }));
  if (file.endsWith('.md')) return lines;
  if (file.endsWith('.sh')) return lines.filter((l) => l.text.includes('#')).map((l) => ({ ...l, text: l.text.slice(l.text.indexOf('#')) }));
  return lines.flatMap((l) => {
    const start = l.text.search(/\/\/|\/\*|^\s*\*|<!--/);
    return start < 0 ? [] : [{ ...l, text: l.text.slice(start) }];
  });
}

function resolves(citingFile: string, cited: string, isFolder: boolean): boolean {
  const exists = (candidate: string) => (isFolder ? folders.has(candidate) : known.has(candidate));
  const target = cited.replace(/\/$/, '');
  if (!target.includes('/')) return isFolder || baseNames.has(target);
  for (let dir = path.posix.dirname(citingFile); ; dir = path.posix.dirname(dir)) {
    if (exists(path.posix.normalize(path.posix.join(dir, target)))) return true;
    if (dir === '.' || dir === '') break;
  }
  return workspaceRoots.some((base) => exists(path.posix.join(base, target)));
}

/** Built output and globs are not files of the repository; a bare `x.js` is a library or a URL. */
const skipped = (cited: string) => cited.includes('*') || /(^|\/)dist\//.test(cited) || /^[\w-]+\.js$/.test(cited);

describe('docs and comments cite files that exist', () => {
  it('every repository file a comment or a doc cites is there', () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => /\.(ts|vue|mjs|cjs|js|md|sh)$/.test(f))) {
      for (const { line, text } of proseLines(file, readFileSync(path.join(root, file), 'utf8'))) {
        for (const [, cited] of text.matchAll(citedFile)) {
          if (!skipped(cited!) && !resolves(file, cited!, false)) broken.push(`${file}:${line} cites ${cited}`);
        }
        for (const [, cited] of text.matchAll(citedFolder)) {
          if (!resolves(file, cited!, true)) broken.push(`${file}:${line} cites ${cited}`);
        }
      }
    }
    expect(broken, broken.join('\n')).to.deep.equal([]);
  });

  it('cites the domain rules in the repository, never a design folder outside it', () => {
    const outside: string[] = [];
    for (const file of files.filter((f) => /\.(ts|vue|mjs|cjs|js|md|sh)$/.test(f))) {
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .forEach((text, i) => {
          if (/shared\/design|\/work\/|\.\.\/shared\//.test(text)) outside.push(`${file}:${i + 1}: ${text.trim()}`);
        });
    }
    expect(outside, outside.join('\n')).to.deep.equal([]);
  });
});
