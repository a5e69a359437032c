import { createHash, createHmac, hash } from 'node:crypto';

/**
 * The committed draw, version 1 ("commit, then reveal"; docs/fairness.md is its specification).
 * Deterministic hashing only: the seed comes in with a command, so replay rebuilds the same draw.
 *
 * - seed: 32 random bytes, written as 64 lowercase hex characters;
 * - commitment = hex(SHA-256(seed bytes)), published when the event gets its on-sale time;
 * - pseudonym of an entry = hex(SHA-256(UTF-8("queuetix-draw-v1:entry:" + entryId)));
 * - list = the early entries' pseudonyms in join order; listHash = hex(SHA-256(UTF-8(list joined by "\n")));
 * - random words: block k = HMAC-SHA-256(key = seed bytes, UTF-8("queuetix-draw-v1:" + listHash + ":" + k)),
 *   k = 0, 1, 2, …, each cut into eight big-endian unsigned 32-bit words, used in order;
 * - Fisher–Yates: for i from n−1 down to 1, m = i + 1: take words until u < 2^32 − (2^32 mod m)
 *   (rejection, so no index is favoured), j = u mod m, swap positions i and j.
 */
export const DRAW_SCHEME = 'queuetix-draw-v1';

const SEED_PATTERN = /^[0-9a-f]{64}$/;

export function isDrawSeed(seed: unknown): seed is string {
  return typeof seed === 'string' && SEED_PATTERN.test(seed);
}

export function commitmentOf(seed: string): string {
  return createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex');
}

export function pseudonymOf(entryId: string): string {
  // One-shot hash: a draw hashes every early entry, 100,000 at a big on-sale.
  return hash('sha256', `${DRAW_SCHEME}:entry:${entryId}`, 'hex');
}

export function listHashOf(pseudonyms: readonly string[]): string {
  return createHash('sha256').update(pseudonyms.join('\n'), 'utf8').digest('hex');
}

/** The drawn permutation: order[k] is the index (in `list`) of the entry placed k-th. */
export function drawPermutation(seed: string, listHash: string, n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const next = wordStream(seed, listHash);
  for (let i = n - 1; i > 0; i--) {
    const m = i + 1;
    const limit = 2 ** 32 - (2 ** 32 % m);
    let u = next();
    while (u >= limit) u = next();
    const j = u % m;
    const item = order[i]!;
    order[i] = order[j]!;
    order[j] = item;
  }
  return order;
}

/** The published draw of `entryIds` (early arrivals in join order) under `seed`. */
export function committedDraw(seed: string, entryIds: readonly string[]) {
  const list = entryIds.map(pseudonymOf);
  const listHash = listHashOf(list);
  const permutation = drawPermutation(seed, listHash, list.length);
  return { list, listHash, permutation, order: permutation.map((i) => list[i]!) };
}

/** HMAC-SHA-256 in counter mode as a stream of unsigned 32-bit words. */
function wordStream(seed: string, listHash: string): () => number {
  const key = Buffer.from(seed, 'hex');
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset >= block.length) {
      block = createHmac('sha256', key).update(`${DRAW_SCHEME}:${listHash}:${counter++}`, 'utf8').digest();
      offset = 0;
    }
    const word = block.readUInt32BE(offset);
    offset += 4;
    return word;
  };
}
