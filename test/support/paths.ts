import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/tools.js';

export { repoRoot };

/** Per-run scratch space: fresh FerretDB data, server logs, dev keys. Ignored by git. */
export const runDir = path.join(repoRoot, 'test/.artifacts', `run-${process.pid}-${Date.now()}`);
mkdirSync(runDir, { recursive: true });
