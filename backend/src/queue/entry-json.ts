import type { Entry } from '@queuetix/contracts/queue';
import type { EntryView } from './core/index.js';

/** The core keeps times in ms; the API speaks ISO 8601. */
export function entryJson(view: EntryView): Entry {
  const { offerExpiresAt, joinedAt, ...rest } = view;
  return {
    ...rest,
    joinedAt: new Date(joinedAt).toISOString(),
    ...(offerExpiresAt !== undefined ? { offerExpiresAt: new Date(offerExpiresAt).toISOString() } : {}),
  };
}
