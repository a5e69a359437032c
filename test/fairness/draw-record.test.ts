import { expect } from 'chai';
import { drawFacts, entryOfUser, pseudonymOf } from '../../backend/src/queue/core/index.js';
import { drawJson } from '../../backend/src/fairness/draw-json.js';
import { checkDraw } from '../../scripts/lib/draw-check.js';
import { MINUTE, T0, TestQueue } from '../queue/core/helpers.js';

describe('fairness: the published record of a draw made before commitments', () => {
  it('is labelled server-seeded (before commitments), keeps its order, and never claims a commitment', () => {
    const queue = new TestQueue({ totalTickets: 0, salesStartAt: T0 + MINUTE }); // created without a seed, as before commitments
    const users = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (const user of users) queue.join(user);
    queue.clock = T0 + MINUTE;
    queue.must({ type: 'openSales', seed: 'legacy-seed' });

    const record = drawJson('ev1', drawFacts(queue.state, 'c'));
    expect(record).to.include({
      status: 'drawn',
      algorithm: 'server-seeded-v0',
      label: 'server-seeded (before commitments)',
      commitment: null,
      seed: 'legacy-seed',
    });
    expect(record.myPseudonym).to.equal(pseudonymOf(entryOfUser(queue.state, 'c')!.id));
    const line = users.map((u) => entryOfUser(queue.state, u)!).sort((x, y) => x.position! - y.position!);
    expect(record.order).to.deep.equal(line.map((entry) => pseudonymOf(entry.id)));

    const check = checkDraw(record);
    expect(check.verified, 'the order is recomputable from its seed').to.equal(true);
    expect(check.steps.map((s) => s.step).join(' ')).to.contain('no commitment to check');
  });
});
