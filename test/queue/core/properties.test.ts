import { expect } from 'chai';
import fc from 'fast-check';
import { apply, createState, decodeSnapshot, encodeSnapshot, type Command, type EventConfig, type QueueState } from '../../../backend/src/queue/core/index.js';
import { baseConfig, T0 } from './helpers.js';

type Op =
  | { op: 'join'; user: number; quantity: number }
  | { op: 'leave'; user: number }
  | { op: 'wait'; ms: number }
  | { op: 'pay'; pick: number; paymentId: number; rightOffer: boolean }
  | { op: 'resize'; total: number }
  | { op: 'open'; seed: string }
  | { op: 'cancel' }
  | { op: 'restart' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 18,
    arbitrary: fc.record({ op: fc.constant('join' as const), user: fc.nat(7), quantity: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 5)) }),
  },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('leave' as const), user: fc.nat(7) }) },
  { weight: 9, arbitrary: fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 90_000 }) }) },
  {
    weight: 12,
    arbitrary: fc.record({
      op: fc.constant('pay' as const),
      pick: fc.nat(),
      paymentId: fc.nat(5),
      rightOffer: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
    }),
  },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('resize' as const), total: fc.nat(12) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('open' as const), seed: fc.string({ minLength: 1, maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('restart' as const) }) },
);

const configArb: fc.Arbitrary<EventConfig> = fc.record({
  totalTickets: fc.nat(8),
  maxPerBuyer: fc.integer({ min: 1, max: 4 }),
  offerWindowSec: fc.constantFrom(60, 120),
  salesStartAt: fc.constantFrom(null, T0 + 60_000),
  price: fc.constant(baseConfig.price),
  currency: fc.constant('usd'),
  cancelled: fc.constant(false),
});

function commandFor(op: Op, state: QueueState, serial: number): Command | undefined {
  switch (op.op) {
    case 'join':
      return { type: 'join', entryId: `e${serial}`, userId: `u${op.user}`, quantity: op.quantity };
    case 'leave':
      return { type: 'leave', userId: `u${op.user}` };
    case 'wait':
      return { type: 'expire' };
    case 'resize':
      return { type: 'configure', patch: { totalTickets: op.total } };
    case 'open':
      return { type: 'openSales', seed: op.seed };
    case 'cancel':
      return { type: 'cancel' };
    case 'restart':
      return undefined;
    case 'pay': {
      // Mostly payments for entries that had an offer (live or ended); sometimes for any entry.
      const offered = state.entries.filter((e) => e.offeredQuantity > 0);
      const pool = offered.length > 0 && op.pick % 5 !== 0 ? offered : state.entries;
      const entry = pool[op.pick % Math.max(1, pool.length)];
      const entryId = entry?.id ?? 'nobody';
      const ids = Array.from({ length: 4 }, (_, i) => `pi${op.paymentId}-${serial}-${i}`);
      return {
        type: 'purchase',
        paymentId: `pi${op.paymentId}`,
        entryId,
        offerId: op.rightOffer ? `${entryId}-o` : 'wrong',
        amountPaid: 1000,
        currency: 'usd',
        ticketIds: ids,
        ticketCodes: ids,
      };
    }
  }
}

/** The rules that must hold after any command whatsoever. */
function checkInvariants(state: QueueState, maxPerBuyer: number): void {
  const { totalTickets, cancelled } = state.config;
  let held = 0;
  let sold = 0;
  let waiting = 0;
  const perBuyer = new Map<string, number>();
  for (const entry of state.entries) {
    if (entry.status === 'offered') held += entry.offeredQuantity;
    if (entry.status === 'purchased') sold += entry.offeredQuantity;
    if (entry.status === 'waiting') waiting++;
    const counted = entry.status === 'purchased' || entry.status === 'offered' ? entry.offeredQuantity : entry.status === 'waiting' ? entry.quantity : 0;
    perBuyer.set(entry.userId, (perBuyer.get(entry.userId) ?? 0) + counted);
  }
  expect(state.held, 'held matches live offers').to.equal(held);
  expect(state.sold, 'sold matches purchases').to.equal(sold);
  expect(state.waiting, 'waiting matches waiting entries').to.equal(waiting);
  expect(held, 'held is never negative').to.be.at.least(0);
  expect(sold + held, 'never more sold and held than exist').to.be.at.most(totalTickets);
  for (const [user, tickets] of perBuyer) expect(tickets, `${user} within maxPerBuyer`).to.be.at.most(maxPerBuyer);

  // Nothing left unoffered that the rules would offer now.
  if (state.opened && !cancelled) {
    const head = state.line.find((entry) => entry.status === 'waiting');
    const free = totalTickets - sold - held;
    if (head && free > 0) {
      expect(head.quantity > free && free + held >= head.quantity, 'the head waits only for tickets that may come back').to.equal(true);
    }
  }
}

describe('queue core: properties of random command sequences', function () {
  this.timeout(60_000);

  it('never sells more than exist, never holds a negative number, and offers strictly in queue order', () => {
    fc.assert(
      fc.property(configArb, fc.array(opArb, { minLength: 10, maxLength: 80, size: 'max' }), (config, ops) => {
        const state = createState();
        let twin = createState();
        let now = T0;
        apply(state, { type: 'create', eventId: 'ev', config }, now);
        apply(twin, { type: 'create', eventId: 'ev', config }, now);
        let lastOfferedSlot = -1;
        ops.forEach((op, serial) => {
          if (op.op === 'wait') now += op.ms;
          if (op.op === 'restart') {
            twin = decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(twin))));
            return;
          }
          const cmd = commandFor(op, state, serial)!;
          const before = encodeSnapshot(state);
          const result = apply(state, cmd, now);
          expect(apply(twin, cmd, now), 'a restarted copy behaves identically').to.deep.equal(result);
          if (!result.ok) {
            expect(encodeSnapshot(state), 'a failed command changes nothing').to.deep.equal(before);
            return;
          }
          for (const effect of result.effects) {
            if (effect.type !== 'offerMade') continue;
            const entry = state.byId.get(effect.entryId)!;
            expect(entry.slot, 'offers go down the line in order').to.be.greaterThan(lastOfferedSlot);
            lastOfferedSlot = entry.slot;
            if (effect.quantity < entry.quantity) {
              // A partial offer takes the last free tickets, and only when live offers could never
              // free the rest (the offer is the last thing a command does, so state.held is as it left it).
              expect(state.config.totalTickets - state.sold - state.held, 'a remainder offer takes all that is free').to.equal(0);
              expect(state.held, 'a remainder only when no live offer could free enough').to.be.below(entry.quantity);
            }
          }
          checkInvariants(state, config.maxPerBuyer);
        });
        expect(encodeSnapshot(twin)).to.deep.equal(encodeSnapshot(state));
      }),
      { numRuns: 200 },
    );
  });
});
