import { z } from 'zod';
import { IsoDate } from './common.js';

/** Proof-of-work on join, per event: never, always, or when the line is long or joins arrive fast. */
export const PowMode = z.enum(['off', 'on', 'auto']);
export type PowMode = z.infer<typeof PowMode>;

/**
 * An ALTCHA challenge (altcha-lib, v1 format): find `number` in [0, maxnumber] with
 * SHA-256(salt + number) = challenge, then send base64(JSON { algorithm, challenge, number, salt,
 * signature }) as the join's `pow`. The salt binds it to the buyer, the event and `expiresAt`.
 */
export const PowChallenge = z.object({
  algorithm: z.literal('SHA-256'),
  challenge: z.string(),
  maxnumber: z.number().int(),
  salt: z.string(),
  signature: z.string(),
  expiresAt: IsoDate,
  /** Whether a join of this event needs a proof right now (always with mode on; with auto, while busy). */
  required: z.boolean(),
});
export type PowChallenge = z.infer<typeof PowChallenge>;
