import { createHash } from 'node:crypto';

/** Solves an ALTCHA v1 challenge by brute force, as a buyer's browser does. */
export function solve(challenge: { challenge: string; salt: string; maxnumber: number; signature: string; algorithm: string }): string {
  for (let number = 0; number <= challenge.maxnumber; number++) {
    if (
      createHash('sha256')
        .update(challenge.salt + number)
        .digest('hex') === challenge.challenge
    ) {
      const { algorithm, salt, signature } = challenge;
      return Buffer.from(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature })).toString('base64');
    }
  }
  throw new Error('unsolvable challenge');
}
