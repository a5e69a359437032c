import type { Logger } from '../logger.js';

/** Runs a start-up task now and, while it fails (database away), again every few seconds. */
export function retryInBackground(log: Logger, what: string, task: () => Promise<unknown>, everyMs = 5_000): void {
  const attempt = () => {
    task().catch((err: unknown) => {
      log.warn({ err }, `${what}: failed, retrying in ${everyMs / 1000} s`);
      setTimeout(attempt, everyMs).unref();
    });
  };
  attempt();
}
