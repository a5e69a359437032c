import { LRUCache } from 'lru-cache';
import type { DrawRecord } from '@queuetix/contracts/draw';
import * as core from '../queue/core/index.js';
import type { DrawFacts } from '../queue/core/index.js';

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export const drawLabels = {
  'queuetix-draw-v1': 'committed seed, revealed at the draw (queuetix-draw-v1)',
  'server-seeded-v0': 'server-seeded (before commitments)',
  none: 'no draw: this event has no on-sale time, so nobody is placed by lottery',
} as const;

/**
 * The public record of an event's draw. Entries appear only as pseudonyms (SHA-256 of the entry
 * id, which only its buyer knows), so anyone can check the draw and a buyer can find their own
 * place in it, but nobody learns who the others are.
 */
export function drawJson(eventId: string, facts: DrawFacts): DrawRecord {
  const mine = facts.userEntryId ? { myPseudonym: core.pseudonymOf(facts.userEntryId) } : {};
  return { ...publicRecord(eventId, facts), ...mine };
}

// A drawn record never changes, and recomputing one of 100,000 entries costs about 0.2 s of CPU:
// keep the last few, so asking for a big draw again and again costs nothing.
const drawn = new LRUCache<string, DrawRecord>({ max: 20 });

function publicRecord(eventId: string, facts: DrawFacts): DrawRecord {
  const key = facts.lottery ? `${eventId}:${facts.lottery.drawnAt}` : null;
  const cached = key ? drawn.get(key) : undefined;
  if (cached) return cached;
  const record = buildRecord(eventId, facts);
  if (key) drawn.set(key, record);
  return record;
}

function buildRecord(eventId: string, facts: DrawFacts): DrawRecord {
  const base = {
    eventId,
    commitment: facts.commitment,
    committedAt: iso(facts.committedAt),
    salesStartAt: iso(facts.salesStartAt),
  };
  const lottery = facts.lottery;
  if (!lottery) {
    const committed = facts.commitment !== null;
    return {
      ...base,
      status: committed ? 'committed' : 'none',
      algorithm: committed ? 'queuetix-draw-v1' : null,
      label: committed ? drawLabels['queuetix-draw-v1'] : drawLabels.none,
      drawnAt: null,
      seed: null,
      list: null,
      listHash: null,
      order: null,
    };
  }
  if (lottery.scheme === 'queuetix-draw-v1') {
    const { list, listHash, order } = core.committedDraw(lottery.seed, lottery.participants);
    return {
      ...base,
      status: 'drawn',
      algorithm: lottery.scheme,
      label: drawLabels[lottery.scheme],
      drawnAt: iso(lottery.drawnAt),
      seed: lottery.seed,
      list,
      listHash,
      order,
    };
  }
  // Before commitments: lotteryOrder shuffles by position only, so the same seed orders the pseudonyms alike.
  const list = lottery.participants.map(core.pseudonymOf);
  return {
    ...base,
    status: 'drawn',
    algorithm: 'server-seeded-v0',
    label: drawLabels['server-seeded-v0'],
    drawnAt: iso(lottery.drawnAt),
    seed: lottery.seed,
    list,
    listHash: core.listHashOf(list),
    order: core.lotteryOrder(lottery.seed, list),
  };
}
