/**
 * "No offer outlives its window", checked from the journal: the state is replayed command by
 * command with the time each was applied, and before each one we look at the earliest live offer.
 * An offer still live after its deadline while the actor was busy with other commands outlived
 * it (by the timer's lag); a purchase applied to such an offer took a payment late.
 */
import type { Db } from 'mongodb';
import { pino } from 'pino';
import * as core from '../../backend/src/queue/core/index.js';
import type { JournalRecord } from '../../backend/src/queue/event-actor.js';
import { MongoPersistenceEngine } from '../../backend/src/queue/persistence/mongo-persistence-engine.js';

export interface OfferLifetimes {
  /** Journal sequence numbers audited (the journal before the latest snapshot is gone). */
  fromSeq: number;
  toSeq: number;
  offersMade: number;
  offersExpired: number;
  /** Commands applied while some offer was already past its deadline. */
  commandsPastDeadline: number;
  /** Longest such overrun (ms): how long after its deadline an offer was still live. */
  maxOverrunMs: number;
  /** Purchases applied to an offer whose deadline had passed (not late-honoured ones). */
  purchasesPastDeadline: number;
  /** How late the timer expired offers (ms) while the process was up. */
  maxExpiryLagMs: number;
  /** Times a restart found offers whose deadlines had passed while it was down. */
  expiredOnRecovery: number;
}

export async function auditOfferLifetimes(db: Db, eventId: string): Promise<OfferLifetimes> {
  const engine = new MongoPersistenceEngine(db, pino({ level: 'silent' }));
  const snapshot = await engine.latestSnapshot(eventId);
  const state = snapshot ? core.decodeSnapshot(snapshot.data) : core.createState();
  const events = await engine.loadEvents(eventId, snapshot?.sequenceNumber ?? 0);
  const result: OfferLifetimes = {
    fromSeq: (snapshot?.sequenceNumber ?? 0) + 1,
    toSeq: events.at(-1)?.sequenceNumber ?? snapshot?.sequenceNumber ?? 0,
    offersMade: 0,
    offersExpired: 0,
    commandsPastDeadline: 0,
    maxOverrunMs: 0,
    purchasesPastDeadline: 0,
    maxExpiryLagMs: 0,
    expiredOnRecovery: 0,
  };
  let previousNow = 0;
  for (const event of events) {
    // Records that change no state (an owner's fence record in a scaled-out deployment) are skipped, as recovery does.
    const record = event.data as Partial<JournalRecord> | undefined;
    if (event.isDeleted || !record?.cmd || typeof record.now !== 'number') continue;
    const { cmd, now } = record as JournalRecord;
    const earliest = state.offers.peek();
    if (earliest && earliest.offerExpiresAt < now) {
      const overrun = now - earliest.offerExpiresAt;
      if (cmd.type !== 'expire') {
        result.commandsPastDeadline += 1;
        result.maxOverrunMs = Math.max(result.maxOverrunMs, overrun);
      } else if (now - previousNow > 1_000 && earliest.offerExpiresAt > previousNow) {
        // Nothing ran between the deadline and this expiry (a crash): recovery expired it first thing.
        result.expiredOnRecovery += 1;
      } else {
        result.maxExpiryLagMs = Math.max(result.maxExpiryLagMs, overrun);
      }
    }
    if (cmd.type === 'purchase') {
      const entry = state.byId.get(cmd.entryId);
      if (entry?.status === 'offered' && entry.offerExpiresAt < now) result.purchasesPastDeadline += 1;
    }
    const applied = core.apply(state, cmd, now);
    if (!applied.ok) throw new Error(`journal of ${eventId} does not replay at seq ${event.sequenceNumber}: ${applied.error.message}`);
    for (const effect of applied.effects) {
      if (effect.type === 'offerMade') result.offersMade += 1;
      if (effect.type === 'offerEnded' && effect.reason === 'expired') result.offersExpired += 1;
    }
    previousNow = now;
  }
  return result;
}
