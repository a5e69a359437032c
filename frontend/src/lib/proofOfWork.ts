import type { PowChallenge } from '@queuetix/backend/contracts';

/**
 * Solves `challenge` in a Web Worker (its own chunk, loaded only when an event asks for a proof);
 * resolves with the join's `pow` field.
 */
export function solveInWorker(challenge: PowChallenge, onProgress: (fraction: number) => void): Promise<string> {
  const worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<string>((resolve, reject) => {
    worker.onmessage = (message: MessageEvent<{ progress?: number; pow?: string | null }>) => {
      if (message.data.progress !== undefined) return onProgress(message.data.progress);
      worker.terminate();
      if (message.data.pow) resolve(message.data.pow);
      else reject(new Error('The proof of work could not be completed. Please try again.'));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'The proof of work could not run in this browser.'));
    };
    const { algorithm, challenge: hash, maxnumber, salt, signature } = challenge;
    worker.postMessage({ algorithm, challenge: hash, maxnumber, salt, signature });
  });
}
