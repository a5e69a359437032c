/// <reference lib="webworker" />
// Solves a proof-of-work challenge off the main thread, reporting progress as it goes.
import { solvePow, type PowTask } from '@queuetix/backend/pow-solver';

self.onmessage = async (message: MessageEvent<PowTask>) => {
  const pow = await solvePow(message.data, (progress) => self.postMessage({ progress }));
  self.postMessage({ pow });
};
