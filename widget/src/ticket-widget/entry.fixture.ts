import type { isNewer } from './widget-state.js';

/** The buyer's entry as the API sends it (typed from the widget's own use, so specs follow the contract). */
export type Entry = Parameters<typeof isNewer>[1];

/** A waiting entry for specs; `patch` sets what the spec is about. */
export function entry(patch: Partial<Entry> = {}): Entry {
  return {
    id: 'entry_1',
    eventId: 'evt_1',
    userId: 'user_1',
    quantity: 2,
    items: [{ typeId: 'general', quantity: 2 }],
    status: 'waiting',
    position: 40,
    joinedAt: '2026-05-01T10:00:00.000Z',
    ...patch,
  };
}
