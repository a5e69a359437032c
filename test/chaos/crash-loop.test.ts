import { expect } from 'chai';
import { crashLoop } from '../../chaos/scenarios/crash-loop.js';
import { testHarness } from './harness.js';

/**
 * The short crash loop (npm run chaos runs the long one): SIGKILLs at random moments of an
 * on-sale, a restart each time, then the sale's invariants read back from the database.
 */
describe('chaos: crash loop (SIGKILL during an on-sale)', function () {
  // About a minute on a quiet machine; each restart (node + tsx start-up) slows down a lot on a busy one.
  this.timeout(300_000);

  it('keeps every acknowledged join in order, lets no offer outlive its window, and loses or doubles no payment across 5 kills', async () => {
    const harness = await testHarness('crashloop');
    try {
      const report = await crashLoop(harness, { kills: 5, buyers: 500, tickets: 40, joinsPerSec: 60, upMs: [400, 1_800], snapshotEvery: 100 });
      expect(report.violations, JSON.stringify(report, null, 2)).to.deep.equal([]);
      expect(report.kills).to.equal(5);
      expect(report.audit.acknowledged).to.be.greaterThan(100);
      expect(report.audit.paidSeenByBuyers).to.be.greaterThan(0);
      expect(report.audit.sold).to.equal(report.audit.ticketsStored);
    } finally {
      await harness.close();
    }
  });
});
