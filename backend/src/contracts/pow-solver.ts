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
