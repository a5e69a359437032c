/**
 * The platform's cut of an order (docs/domain.md, Money): `Math.round(amount * 0.01)` at the default 1%,
 * taken as Stripe's application_fee_amount; the rest goes to the seller. Amounts are integer
 * minor units, so the fee is rounded once per order, half up (Math.round), never per ticket.
 */
export function platformFee(amount: number, percent = 1): number {
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`amount must be a non-negative integer of minor units, got ${amount}`);
  // percent / 100 is the same double as the literal 0.01 at 1%, so this is exactly Math.round(amount * 0.01).
  return Math.round(amount * (percent / 100));
}

/** What the seller receives from an order after the platform fee. */
export function sellerNet(amount: number, percent = 1): number {
  return amount - platformFee(amount, percent);
}
