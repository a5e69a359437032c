/**
 * Remembers the codes the camera has reported, so a ticket held in view is submitted once: the
 * decoder sees it many times a second, and re-submitting it would turn "admitted" into "already
 * used" while the guest is still at the door. A code counts as new again only once it has been out
 * of view for `quietMs` (the next guest, or the same one coming back later).
 */
export class ScanMemory {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly quietMs = 10_000) {}

  /** True when this sighting should be submitted; every sighting keeps the code's memory fresh. */
  isNew(code: string, now: number): boolean {
    const seen = this.lastSeen.get(code);
    this.lastSeen.set(code, now);
    this.forgetOlderThan(now - this.quietMs);
    return seen === undefined || now - seen >= this.quietMs;
  }

  /** The code's submission failed (network, server away): the next sighting submits it again. */
  forget(code: string): void {
    this.lastSeen.delete(code);
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [code, at] of this.lastSeen) if (at < cutoff) this.lastSeen.delete(code);
  }
}
