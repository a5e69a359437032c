/**
 * Runs tasks with the same key one after another (in this process). Writes to one document go
 * through it because FerretDB 1.24 applies every update as read, modify in Go, write the whole
 * document back: two concurrent updates of one document lose one of them, and two conditional
 * updates (valid → used) can both succeed. On MongoDB each update alone is atomic.
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
