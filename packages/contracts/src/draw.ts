import { z } from 'zod';
import { IsoDate } from './common.js';

/**
 * How an event's early-arrival draw was made (docs/fairness.md):
 * - queuetix-draw-v1: the seed was committed (SHA-256) when the event got its on-sale time and is
 *   revealed at the draw; the order is recomputable from (seed, list);
 * - server-seeded-v0: drawn before commitments, from a seed our server chose at the draw.
 */
export const DrawAlgorithm = z.enum(['queuetix-draw-v1', 'server-seeded-v0']);
export type DrawAlgorithm = z.infer<typeof DrawAlgorithm>;

export const DrawRecord = z.object({
  eventId: z.string(),
  /** none: the event has no draw (no on-sale time); committed: awaiting the draw; drawn: seed revealed. */
  status: z.enum(['none', 'committed', 'drawn']),
  algorithm: DrawAlgorithm.nullable(),
  /** The algorithm in words, e.g. "server-seeded (before commitments)". */
  label: z.string(),
  /** hex SHA-256 of the seed bytes, published before the draw. */
  commitment: z.string().nullable(),
  committedAt: IsoDate.nullable(),
  salesStartAt: IsoDate.nullable(),
  drawnAt: IsoDate.nullable(),
  /** The seed (hex), revealed at the draw; null before. */
  seed: z.string().nullable(),
  /** Pseudonymous ids (hex SHA-256 of "queuetix-draw-v1:entry:" + entry id) of the early entries, in join order. */
  list: z.array(z.string()).nullable(),
  /** hex SHA-256 of the list joined by "\n". */
  listHash: z.string().nullable(),
  /** The list in drawn order: the first is first in line. */
  order: z.array(z.string()).nullable(),
  /** The signed-in caller's own pseudonym for this event (only with a Bearer token and an entry). */
  myPseudonym: z.string().optional(),
});
export type DrawRecord = z.infer<typeof DrawRecord>;
