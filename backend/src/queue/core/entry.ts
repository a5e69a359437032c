import type { EntryStatus, OfferedItem, OrderItem } from './types.js';
import type { OutcomeCode } from './outcomes.js';

/**
 * One buyer's entry, kept small because an on-sale holds 100,000+ of them: one hidden class,
 * numbers for everything else, and the offer folded in (an entry gets at most one offer).
 */
export class QueueEntry {
  status: EntryStatus = 'waiting';
  /** Index in the line (slot order = queue order), or -1 while awaiting the lottery. */
  slot = -1;
  /** Tickets of the entry's offer; 0 = never offered. */
  offeredQuantity = 0;
  /** Absolute deadline of the offer (ms), 0 = never offered. */
  offerExpiresAt = 0;
  /** Index in the offer heap while the offer is live, else -1. */
  heapIndex = -1;
  outcome: OutcomeCode | undefined = undefined;
  /** The offer per type with its prices; set with offeredQuantity. */
  offered: OfferedItem[] | undefined = undefined;
  /** Codes this entry holds a use of (given back if it ends unpaid, counted used if paid). */
  accessCodeId: string | undefined = undefined;
  discountCodeId: string | undefined = undefined;
  /**
   * Whether the buyer asked to be emailed when their turn comes. An offer to an entry that did not
   * ask needs no look at the mail outbox. undefined: joined before joins recorded it (the outbox
   * alone knows), so the offer still looks.
   */
  turnEmail: boolean | undefined = undefined;

  constructor(
    /** Join order: index in QueueState.entries. */
    readonly seq: number,
    readonly id: string,
    readonly userId: string,
    /** What it asks for, per type (a waiting entry may change it: changeItems). */
    public items: OrderItem[],
    readonly joinedAt: number,
  ) {}

  /** Tickets asked for in all. */
  get quantity(): number {
    let sum = 0;
    for (const item of this.items) sum += item.quantity;
    return sum;
  }

  get isLive(): boolean {
    return this.status === 'waiting' || this.status === 'offered';
  }

  /** Tickets this entry would take if it ends well: the offer once made, else what was asked. */
  get liveTickets(): number {
    return this.status === 'offered' ? this.offeredQuantity : this.quantity;
  }
}

/** The offer id is derived from the entry: one offer per entry, the same after any replay. */
export function offerIdOf(entryId: string): string {
  return `${entryId}-o`;
}
