import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/tools.js';

export { repoRoot };

/** Every run's scratch folder is in here. Ignored by git. */
export const artifactsDir = path.join(repoRoot, 'test/.artifacts');

/** Per-run scratch space: a fresh database, server logs, dev keys. */
export const runDir = path.join(artifactsDir, `run-${process.pid}-${Date.now()}`);
mkdirSync(runDir, { recursive: true });
