/**
 * docs/domain.md, Ticket types: events, snapshots and journals written before ticket types load
 * unchanged as a one-type event. The fixture was written by the core of main before types
 * (test/queue/fixtures/legacy-v1.json, see its `about`): a v1 snapshot, the journal after it, and
 * what that code showed at the end.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { apply, availability, decodeSnapshot, encodeSnapshot, entryOfUser, type Effect, type EntryView } from '../../../backend/src/queue/core/index.js';
import { decodeJournalRecord } from '../../../backend/src/queue/event-actor.js';
import { repoRoot } from '../../support/paths.js';

interface Fixture {
  snapshot: unknown;
  journal: unknown[];
  expected: { effects: Effect[][]; availability: Record<string, unknown>; entries: Record<string, EntryView>; finalSnapshot: unknown };
}
const fixture = JSON.parse(readFileSync(`${repoRoot}/test/queue/fixtures/legacy-v1.json`, 'utf8')) as Fixture;

/** What the new code adds to a view or an effect, so the rest can be compared with what the old code said. */
function withoutAdditions<T>(value: T, added = ['items', 'offeredItems', 'amount', 'types']): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (added.includes(key) ? undefined : v))) as T;
}

function replayed() {
  const state = decodeSnapshot(fixture.snapshot);
  const effects = fixture.journal.map((data) => {
    const { cmd, now } = decodeJournalRecord(data);
    const result = apply(state, cmd, now);
    if (!result.ok) throw new Error(`replay of ${cmd.type} failed: ${result.error.message}`);
    return result.effects;
  });
  return { state, effects };
}

describe('queue core: a snapshot and journal written before ticket types', () => {
  it('replay to the same effects, entries and availability the old code showed', () => {
    const { state, effects } = replayed();
    expect(withoutAdditions(effects, ['typeId', 'typeName'])).to.deep.equal(fixture.expected.effects);
    expect(withoutAdditions(availability(state))).to.deep.equal(fixture.expected.availability);
    for (const [user, view] of Object.entries(fixture.expected.entries)) {
      expect(withoutAdditions(entryOfUser(state, user)), user).to.deep.equal(view);
    }
  });

  it('read as one visible type "general" at the event price, holding every ticket', () => {
    const { state, effects } = replayed();
    expect(state.config.types).to.have.length(1);
    expect(state.config.types[0]).to.include({ id: 'general', price: 2500, capacity: 8, hidden: false });
    expect(availability(state).types).to.deep.equal([{ typeId: 'general', total: 8, sold: 5, held: 1, free: 2, soldOut: false, onSale: true }]);
    const issued = effects.flat().flatMap((e) => (e.type === 'ticketsIssued' ? e.tickets : []));
    expect(issued.length).to.be.greaterThan(0);
    for (const ticket of issued) expect(ticket).to.include({ typeId: 'general', typeName: 'General admission' });
    expect(entryOfUser(state, 'fay')!.items).to.deep.equal([{ typeId: 'general', quantity: 1 }]);
  });

  it('the final v1 snapshot decodes to the replayed state, and re-encodes as v2 that decodes to it again', () => {
    const { state } = replayed();
    const fromOld = decodeSnapshot(fixture.expected.finalSnapshot);
    const current = encodeSnapshot(state);
    // Offers made by the new code keep their priced lines; the old snapshot's read as the one type at the event price.
    expect(availability(fromOld)).to.deep.equal(availability(state));
    for (const user of Object.keys(fixture.expected.entries)) expect(entryOfUser(fromOld, user), user).to.deep.equal(entryOfUser(state, user));
    expect(current.v).to.equal(2);
    expect(encodeSnapshot(decodeSnapshot(JSON.parse(JSON.stringify(current))))).to.deep.equal(current);
  });
});
