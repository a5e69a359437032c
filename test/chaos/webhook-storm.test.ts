import { expect } from 'chai';
import { webhookStorm } from '../../chaos/scenarios/webhook-storm.js';
import { testHarness } from './harness.js';

/** The short webhook storm (npm run chaos runs a bigger one) against stripe-mock and signed events. */
describe('chaos: Stripe webhook storm', function () {
  this.timeout(120_000);

  it('issues tickets once per payment and refunds late payments once when every event arrives three times, shuffled, some at once', async () => {
    const harness = await testHarness('storm');
    try {
      const report = await webhookStorm(harness, { buyers: 24, tickets: 16, givenBack: 3, concurrency: 6 });
      expect(report.violations, JSON.stringify(report, null, 2)).to.deep.equal([]);
      expect(report.deliveries).to.be.at.least(3 * report.sessions);
      expect(report.duplicatesAcknowledged).to.be.greaterThan(0);
      expect(report.ticketsIssued).to.equal(report.sold);
      expect(report.refundsAtStripe).to.be.greaterThan(0);
    } finally {
      await harness.close();
    }
  });
});
