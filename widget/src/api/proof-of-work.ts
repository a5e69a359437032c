import type { PowChallenge } from '@queuetix/contracts';
import { runPowWorker } from '@queuetix/contracts/pow-solver';
// Inlined (a few hundred bytes): a worker must come from the page's origin, and the widget runs on organisers' pages.
import PowWorker from './pow-worker.ts?worker&inline';

/** Solves `challenge` off the main thread; resolves with the join's `pow` field. */
export function solveProofOfWork(challenge: PowChallenge, onProgress: (fraction: number) => void): Promise<string> {
  return runPowWorker(new PowWorker(), challenge, onProgress);
}
