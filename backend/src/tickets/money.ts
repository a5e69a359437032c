/**
 * Splits an integer amount of minor units into `parts` shares that add up to it exactly: equal
 * shares, the first ones a unit larger when it does not divide. The actor splits a payment over its
 * tickets this way (so each ticket can be refunded on its own), and fees are split alike.
 */
export function splitEvenly(total: number, parts: number): number[] {
  if (!Number.isInteger(total) || total < 0 || !Number.isInteger(parts) || parts < 1) {
    throw new RangeError(`cannot split ${total} into ${parts} parts`);
  }
  const share = Math.floor(total / parts);
  const remainder = total - share * parts;
  return Array.from({ length: parts }, (_, i) => share + (i < remainder ? 1 : 0));
}

/**
 * Splits `total` over parts in proportion to `weights` (a payment's fee over tickets of different
 * prices), adding up exactly: shares rounded down, the leftover units to the first parts. Equal
 * weights (or all zero) split evenly, as splitEvenly does.
 */
export function splitByAmount(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || weights.every((w) => w === weights[0])) return splitEvenly(total, weights.length);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % shares.length) {
    if (weights[i]! > 0) {
      shares[i]!++;
      left--;
    }
  }
  return shares;
}
