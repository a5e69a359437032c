/**
 * Proofs already spent, remembered until their challenge expires (after that the proof is refused
 * as expired anyway). Challenges all live the same TTL, so insertion order is expiry order and the
 * front of the map is pruned as time passes.
 */
export class UsedProofs {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** Marks `key` used; false when it already was (a replay). */
  use(key: string, expiresAt: number): boolean {
    this.prune();
    if (this.until.has(key)) return false;
    this.until.set(key, expiresAt);
    return true;
  }

  get size(): number {
    return this.until.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, expiresAt] of this.until) {
      if (expiresAt > now) break;
      this.until.delete(key);
    }
  }
}
