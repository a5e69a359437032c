/**
 * The early-arrival lottery, reproducible by anyone holding the seed:
 * 1. cyrb128(seed) hashes the seed string (UTF-16 code units) into four 32-bit words;
 * 2. sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit) is seeded with them and
 *    its first 15 outputs are discarded (the usual warm-up);
 * 3. a Durstenfeld (Fisher–Yates) shuffle runs from the last index down to 1, swapping index i
 *    with j = floor(u * (i + 1)), u being the next sfc32 output divided by 2^32.
 * Both functions are the public-domain versions from bryc's "PRNGs in JavaScript" collection.
 */

/** The order in which the lottery places `entryIds` (given in join order) for `seed`. */
export function lotteryOrder(seed: string, entryIds: readonly string[]): string[] {
  return shuffled(seed, entryIds);
}

/** A seeded shuffle of a copy of `items`. */
export function shuffled<T>(seed: string, items: readonly T[]): T[] {
  const order = items.slice();
  const next = sfc32(...cyrb128(seed));
  for (let i = 0; i < 15; i++) next();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const item = order[i]!;
    order[i] = order[j]!;
    order[j] = item;
  }
  return order;
}

export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Returns a generator of uniform numbers in [0, 1) with 32 bits of resolution. */
export function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
