/**
 * Property-based tests of ticket types and codes (docs/domain.md, Ticket types, Joining with
 * types, Codes): random events of 1–3 types with an overall capacity, access and discount codes,
 * and random joins, changes, leaves, expiries, payments, edits and restarts.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  apply,
  createState,
  decodeSnapshot,
  encodeSnapshot,
  type Command,
  type EventConfig,
  type QueueState,
  type TypeConfig,
} from '../../../backend/src/queue/core/index.js';
import { T0 } from './helpers.js';

const TYPE_IDS = ['A', 'B', 'C'] as const;

type Op =
  | { op: 'join'; user: number; items: { type: number; quantity: number }[]; access: boolean; discount: boolean }
  | { op: 'change'; user: number; items: { type: number; quantity: number }[] }
  | { op: 'leave'; user: number }
  | { op: 'wait'; ms: number }
  | { op: 'pay'; pick: number; exact: boolean }
  | { op: 'resize'; type: number; capacity: number }
  | { op: 'restart' };

const itemsArb = fc.uniqueArray(fc.record({ type: fc.nat(2), quantity: fc.integer({ min: 1, max: 3 }) }), {
  minLength: 1,
  maxLength: 3,
  selector: (i) => i.type,
});

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 20, arbitrary: fc.record({ op: fc.constant('join' as const), user: fc.nat(9), items: itemsArb, access: fc.boolean(), discount: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('change' as const), user: fc.nat(9), items: itemsArb }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('leave' as const), user: fc.nat(9) }) },
  { weight: 8, arbitrary: fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 400_000 }) }) },
  {
    weight: 14,
    arbitrary: fc.record({ op: fc.constant('pay' as const), pick: fc.nat(), exact: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, fc.constant(false)) }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('resize' as const), type: fc.nat(2), capacity: fc.nat(6) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('restart' as const) }) },
);

const typeArb = (id: string, hidden: boolean): fc.Arbitrary<TypeConfig> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(`Type ${id}`),
    description: fc.constant(''),
    price: fc.constantFrom(0, 999, 2500),
    capacity: fc.nat(6),
    maxPerBuyer: fc.integer({ min: 1, max: 4 }),
    salesStartAt: fc.constant(null),
    salesEndAt: fc.constantFrom(null, null, T0 + 900_000),
    hidden: fc.constant(hidden),
  });

const setupArb = fc.record({
  types: fc.tuple(typeArb('A', false), typeArb('B', false), typeArb('C', true)),
  typeCount: fc.integer({ min: 1, max: 3 }),
  capacity: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
  accessUses: fc.integer({ min: 1, max: 3 }),
  discountUses: fc.integer({ min: 1, max: 3 }),
  percent: fc.boolean(),
});

function commandFor(op: Op, state: QueueState, serial: number): Command | undefined {
  const items = (list: { type: number; quantity: number }[]) => list.map((i) => ({ typeId: TYPE_IDS[i.type]!, quantity: i.quantity }));
  switch (op.op) {
    case 'join':
      return {
        type: 'join',
        entryId: `e${serial}`,
        userId: `u${op.user}`,
        items: items(op.items),
        ...(op.access ? { accessCode: 'acc-1' } : {}),
        ...(op.discount ? { discountCode: 'SAVE' } : {}),
      };
    case 'change':
      return { type: 'changeItems', userId: `u${op.user}`, items: items(op.items) };
    case 'leave':
      return { type: 'leave', userId: `u${op.user}` };
    case 'wait':
      return { type: 'expire' };
    case 'resize': {
      const types = state.config.types.map((t, i) => (i === op.type ? { ...t, capacity: op.capacity } : t));
      return { type: 'configure', patch: { types } };
    }
    case 'pay': {
      const offered = state.entries.filter((e) => e.offeredQuantity > 0);
      const entry = offered[op.pick % Math.max(1, offered.length)];
      if (!entry) return { type: 'expire' };
      const amount = (entry.offered ?? []).reduce((sum, l) => sum + (l.unitPrice - l.discountPerTicket) * l.quantity, 0);
      const ids = Array.from({ length: 12 }, (_, i) => `p${serial}-${i}`);
      return {
        type: 'purchase',
        paymentId: `p${serial}`,
        entryId: entry.id,
        offerId: `${entry.id}-o`,
        amountPaid: op.exact ? amount : amount + 1,
        currency: 'usd',
        ticketIds: ids,
        ticketCodes: ids,
      };
    }
    case 'restart':
      return undefined;
  }
}

/** Capacity and code limits, recomputed from the entries themselves rather than the counters. */
function checkInvariants(state: QueueState): void {
  const taken = new Map<string, number>();
  let all = 0;
  const codeUse = new Map<string, { used: number; held: number }>();
  for (const entry of state.entries) {
    if (entry.status === 'offered' || entry.status === 'purchased') {
      for (const line of entry.offered ?? []) {
        taken.set(line.typeId, (taken.get(line.typeId) ?? 0) + line.quantity);
        all += line.quantity;
      }
    }
    for (const id of [entry.accessCodeId, entry.discountCodeId]) {
      if (id === undefined) continue;
      const use = codeUse.get(id) ?? { used: 0, held: 0 };
      if (entry.isLive) use.held++;
      if (entry.status === 'purchased') use.used++;
      codeUse.set(id, use);
    }
  }
  for (const type of state.config.types) {
    expect(taken.get(type.id) ?? 0, `never more ${type.id} sold + held than its capacity`).to.be.at.most(type.capacity);
  }
  expect(all, 'never more sold + held than the event').to.be.at.most(state.config.totalTickets);
  expect(state.sold + state.held, 'the counters agree').to.equal(all);
  for (const code of state.codes.values()) {
    const use = codeUse.get(code.id) ?? { used: 0, held: 0 };
    expect({ used: code.used, held: code.held }, `${code.code} counts its uses`).to.deep.equal(use);
    if (code.maxUses !== null) expect(code.used + code.held, `${code.code} within its limit`).to.be.at.most(code.maxUses);
  }
}

describe('queue core: properties of ticket types and codes', function () {
  this.timeout(120_000);

  it('never oversells a type or the event, never lets a type skip the line, never overuses a code, and replays exactly', () => {
    // The runs must reach the cases the properties are about (not only refused joins).
    const seen = { multiTypeOffers: 0, discountedSales: 0, accessSales: 0, passedOver: 0, codeRefused: 0 };
    fc.assert(
      fc.property(setupArb, fc.array(opArb, { minLength: 10, maxLength: 70, size: 'max' }), (setup, ops) => {
        const types = setup.types.slice(0, setup.typeCount);
        if (types.every((t) => t.hidden)) return;
        const sum = types.reduce((s, t) => s + t.capacity, 0);
        const config: EventConfig = {
          totalTickets: 0,
          maxPerBuyer: 4,
          offerWindowSec: 300,
          salesStartAt: null,
          price: 0,
          currency: 'usd',
          cancelled: false,
          types,
          capacity: setup.capacity !== null && setup.capacity <= sum ? setup.capacity : null,
        };
        const journal: { cmd: Command; now: number }[] = [];
        const state = createState();
        let twin = createState();
        let now = T0;
        const run = (cmd: Command) => {
          const result = apply(state, cmd, now);
          expect(apply(twin, cmd, now), 'a restarted copy behaves identically').to.deep.equal(result);
          if (result.ok) journal.push({ cmd, now });
          return result;
        };
        expect(run({ type: 'create', eventId: 'ev', config }).ok).to.equal(true);
        const hidden = types.filter((t) => t.hidden).map((t) => t.id);
        if (hidden.length > 0)
          run({
            type: 'putCode',
            code: { id: 'c1', code: 'ACC-1', kind: 'access', typeIds: hidden, maxUses: setup.accessUses, validFrom: null, validUntil: null },
          });
        const off = setup.percent ? { percentOff: 30 } : { amountOff: 500 };
        run({
          type: 'putCode',
          code: { id: 'c2', code: 'SAVE', kind: 'discount', typeIds: [], ...off, maxUses: setup.discountUses, validFrom: null, validUntil: T0 + 1_200_000 },
        });

        ops.forEach((op, serial) => {
          if (op.op === 'wait') now += op.ms;
          if (op.op === 'restart') {
            twin = decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(twin))));
            return;
          }
          const cmd = commandFor(op, state, serial)!;
          const before = encodeSnapshot(state);
          const result = run(cmd);
          if (!result.ok) {
            expect(encodeSnapshot(state), 'a failed command changes nothing').to.deep.equal(before);
            if (result.error.code === 'code_invalid') seen.codeRefused++;
            return;
          }
          for (const effect of result.effects) {
            if (effect.type !== 'ticketsIssued') continue;
            const entry = state.byId.get(effect.entryId)!;
            if (entry.discountCodeId && effect.tickets.some((t) => t.discountCode)) seen.discountedSales++;
            if (entry.accessCodeId) seen.accessSales++;
          }
          for (const effect of result.effects) {
            if (effect.type !== 'offerMade') continue;
            const offeredEntry = state.byId.get(effect.entryId)!;
            const offeredTypes = new Set((offeredEntry.offered ?? []).map((l) => l.typeId));
            if (offeredTypes.size > 1) seen.multiTypeOffers++;
            if (state.line.slice(0, offeredEntry.slot).some((e) => e.status === 'waiting')) seen.passedOver++;
            // No type skipping: no entry still waiting ahead of it asked for a type it was given.
            for (const earlier of state.line.slice(0, offeredEntry.slot)) {
              if (earlier.status !== 'waiting') continue;
              for (const item of earlier.items) expect(offeredTypes.has(item.typeId), `${earlier.id} ahead asked for ${item.typeId}`).to.equal(false);
            }
          }
          checkInvariants(state);
        });
        // Replaying the journal from nothing rebuilds the same state.
        const rebuilt = createState();
        for (const { cmd, now: at } of journal) expect(apply(rebuilt, cmd, at).ok).to.equal(true);
        expect(encodeSnapshot(rebuilt)).to.deep.equal(encodeSnapshot(state));
        expect(encodeSnapshot(twin)).to.deep.equal(encodeSnapshot(state));
      }),
      { numRuns: 300 },
    );
    for (const [what, count] of Object.entries(seen)) expect(count, what).to.be.greaterThan(0);
  });
});
