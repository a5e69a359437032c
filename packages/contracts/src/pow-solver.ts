/**
 * Solves an ALTCHA (v1) challenge with WebCrypto, reporting progress: the site and the widget run
 * it in a Web Worker. No dependencies, so it costs the widget only what it runs.
 */
export interface PowTask {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** The join's `pow` field for `task`, or null if no number up to maxnumber solves it. */
export async function solvePow(task: PowTask, onProgress: (fraction: number) => void = () => {}): Promise<string | null> {
  const encoder = new TextEncoder();
  const step = Math.max(1, Math.floor(task.maxnumber / 100));
  for (let number = 0; number <= task.maxnumber; number++) {
    const digest = hex(await crypto.subtle.digest('SHA-256', encoder.encode(task.salt + number)));
    if (digest === task.challenge) {
      onProgress(1);
      const { algorithm, challenge, salt, signature } = task;
      return btoa(JSON.stringify({ algorithm, challenge, number, salt, signature }));
    }
    // The number is uniform in [0, maxnumber]: the share searched is the honest progress.
    if (number % step === 0) onProgress(number / task.maxnumber);
  }
  return null;
}

type SolverMessage = { progress?: number; pow?: string | null };

/** The page's side of a solver worker (structural, so this file needs no DOM types). */
export interface PowWorkerHandle {
  addEventListener(type: 'message', listener: (message: { data: SolverMessage }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  postMessage(task: PowTask): void;
  terminate(): void;
}

/** Runs one task on a solver worker, reporting progress; resolves with the join's `pow` field. */
export function runPowWorker(worker: PowWorkerHandle, task: PowTask, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    worker.addEventListener('message', ({ data }) => {
      if (data.progress !== undefined) return onProgress(data.progress);
      worker.terminate();
      if (data.pow) resolve(data.pow);
      else reject(new Error('The proof of work could not be completed. Please try again.'));
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(event.message || 'The proof of work could not run in this browser.'));
    });
    const { algorithm, challenge, maxnumber, salt, signature } = task;
    worker.postMessage({ algorithm, challenge, maxnumber, salt, signature });
  });
}

/** The worker's side: solves each task it is sent, posting progress and then `{ pow }`. */
export function servePow(scope: {
  addEventListener(type: 'message', listener: (message: { data: PowTask }) => void): void;
  postMessage(message: SolverMessage): void;
}): void {
  scope.addEventListener('message', ({ data }) => {
    void solvePow(data, (progress) => scope.postMessage({ progress })).then((pow) => scope.postMessage({ pow }));
  });
}
