import { expect } from 'chai';
import { dbOutage } from '../../chaos/scenarios/db-outage.js';
import { testHarness } from './harness.js';

/**
 * The short database outage (npm run chaos stops it for 10 s). It stops the run's FerretDB, so it
 * lives in its own file; the scenario always starts the database again, whatever happens.
 */
describe('chaos: database outage during an on-sale', function () {
  this.timeout(120_000);

  it('answers 503 with a clear message (no 500s, no hangs), loses nothing acknowledged, and serves again by itself', async () => {
    const harness = await testHarness('dboutage');
    try {
      const report = await dbOutage(harness, { outageMs: 4_000, buyers: 300, tickets: 30, joinsPerSec: 25 });
      expect(report.violations, JSON.stringify(report, null, 2)).to.deep.equal([]);
      expect(report.requests).to.be.greaterThan(100);
      const unavailable = Object.values(report.answers).reduce((n, counts) => n + (counts['503 unavailable'] ?? 0), 0);
      expect(unavailable, 'requests during the outage were answered 503').to.be.greaterThan(0);
      expect(report.resumedAfterMs).to.be.a('number');
    } finally {
      await harness.close();
    }
  });
});
