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
