import { offerIdOf, type QueueEntry } from './entry.js';
import type { Effect, OfferEndReason } from './types.js';

/** Collects one command's effects; an entry is reported changed once however often it changed. */
export class EffectLog {
  readonly effects: Effect[] = [];
  /** Set by a command that answered without changing the state: there is nothing to journal. */
  unchanged = false;
  private changedEntries: Set<string> | undefined;

  entryChanged(entry: QueueEntry): void {
    const seen = (this.changedEntries ??= new Set());
    if (seen.has(entry.id)) return;
    seen.add(entry.id);
    this.effects.push({ type: 'entryChanged', entryId: entry.id });
  }

  offerMade(entry: QueueEntry): void {
    this.effects.push({
      type: 'offerMade',
      entryId: entry.id,
      offerId: offerIdOf(entry.id),
      quantity: entry.offeredQuantity,
      expiresAt: entry.offerExpiresAt,
      ...(entry.turnEmail === undefined ? {} : { turnEmail: entry.turnEmail }),
    });
  }

  offerEnded(entry: QueueEntry, reason: OfferEndReason): void {
    this.effects.push({ type: 'offerEnded', entryId: entry.id, offerId: offerIdOf(entry.id), reason });
  }

  push(effect: Effect): void {
    this.effects.push(effect);
  }
}
