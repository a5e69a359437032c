/**
 * Runs tasks with the same key one after another (in this process). Ticket status changes use it
 * because FerretDB runs findAndModify as a read followed by a write: without it two scanners at
 * two doors could both read "valid". On MongoDB the conditional update alone is atomic.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
