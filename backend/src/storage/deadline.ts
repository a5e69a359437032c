/**
 * A database call that did not settle in time. The driver bounds its own calls (server selection,
 * socket timeouts), yet a call caught in flight when the database goes away has been seen never to
 * settle (FerretDB stopping mid-write in the outage chaos run). Single-flight writers — the journal's
 * group commit, first sightings of users — would then stall every write queued behind it, for good.
 */
/** MONGODB_WRITE_DEADLINE_MS unless configured: far above a healthy write, well below a client giving up. */
export const DEFAULT_WRITE_DEADLINE_MS = 5_000;

export class DatabaseDeadlineExceeded extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = 'DatabaseDeadlineExceeded';
  }
}

/**
 * Settles with `work`, or rejects with DatabaseDeadlineExceeded after `ms`. The call itself is not
 * cancelled: callers must be safe if it lands later (the journal's unique slots and idempotent
 * inserts are).
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseDeadlineExceeded(what, ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
