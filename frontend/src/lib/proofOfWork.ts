import type { PowChallenge } from '@queuetix/contracts';
import { runPowWorker } from '@queuetix/contracts/pow-solver';

/**
 * Solves `challenge` in a Web Worker (its own chunk, loaded only when an event asks for a proof);
 * resolves with the join's `pow` field.
 */
export function solveInWorker(challenge: PowChallenge, onProgress: (fraction: number) => void): Promise<string> {
  return runPowWorker(new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' }), challenge, onProgress);
}
