import { expect } from 'chai';
import fc from 'fast-check';
import { platformFee, sellerNet } from '../../backend/src/payments/fees.js';

describe('payments: the 1% platform fee (Math.round(amount * 0.01), minor units)', () => {
  it('takes 1% of the order amount, rounded once per order', () => {
    expect(platformFee(2500)).to.equal(25);
    expect(platformFee(7650)).to.equal(77); // 3 × 2550: 76.5 rounds up
    expect(platformFee(100_000_000)).to.equal(1_000_000);
  });

  it('rounds half up at the edges and never charges a fee on nothing', () => {
    const cases: [number, number][] = [
      [0, 0],
      [1, 0],
      [49, 0],
      [50, 1], // 0.5 → 1
      [51, 1],
      [149, 1],
      [150, 2], // 1.5 → 2
      [250, 3], // 2.5 → 3 (Math.round, not banker's rounding)
      [1050, 11],
      [1999, 20], // 19.990000000000002 in floating point, still 20
      [2549, 25], // 25.490000000000002 → 25
      [2550, 26],
      [114_950, 1150],
    ];
    for (const [amount, fee] of cases) expect(platformFee(amount), `fee of ${amount}`).to.equal(fee);
  });

  it('is exactly Math.round(amount * 0.01) for every amount, and the seller gets the rest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (amount) => {
        expect(platformFee(amount)).to.equal(Math.round(amount * 0.01));
        expect(sellerNet(amount) + platformFee(amount)).to.equal(amount);
        expect(platformFee(amount)).to.be.at.most(amount);
      }),
    );
  });

  it('follows PLATFORM_FEE_PERCENT when configured otherwise', () => {
    expect(platformFee(1000, 2.5)).to.equal(25);
    expect(platformFee(1000, 0)).to.equal(0);
  });

  it('refuses amounts that are not whole minor units', () => {
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => platformFee(bad)).to.throw(RangeError);
  });
});
