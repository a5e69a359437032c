import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { CONFIG_VARIABLES } from '../../backend/src/config.js';
import { PRODUCTION_VARIABLES } from '../../backend/src/deployment-safety.js';
import { repoRoot } from '../support/paths.js';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

/** The operator's documents match the code: .env.example lists exactly what config.ts reads. */
describe('deploy: .env.example and docs/security.md match config.ts', () => {
  it('.env.example lists every variable config.ts reads, and no other', () => {
    const listed = [...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    expect([...new Set(listed)].sort()).to.deep.equal([...CONFIG_VARIABLES].sort());
  });

  it('docs/security.md names every variable production requires', () => {
    const doc = read('docs/security.md');
    for (const name of [...PRODUCTION_VARIABLES, 'QUEUETIX_DEMO', 'TRUST_PROXY_HOPS']) expect(doc, name).to.contain(name);
  });
});
