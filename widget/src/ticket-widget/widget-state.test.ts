import { describe, expect, it } from 'vitest';
import { initialState, isLive, isNewer } from './widget-state.js';
import { entry } from './entry.fixture.js';

describe('initialState', () => {
  it('starts loading, connecting, signed out, with nothing to say', () => {
    expect(initialState()).toMatchObject({ phase: 'loading', connection: 'connecting', buyer: null, entry: null, tickets: [], busy: null, notice: null });
    expect(initialState().spoken).toEqual({ polite: '', assertive: '' });
  });

  it('gives each widget its own state', () => {
    const a = initialState();
    a.tickets.push({} as never);
    expect(initialState().tickets).toEqual([]);
  });
});

describe('isNewer (HTTP replies and pushes race; the newer picture wins)', () => {
  it('takes any entry when there is none yet', () => {
    expect(isNewer(null, entry())).toBe(true);
  });

  it('moves an entry forward: waiting → offered → purchased, expired or left', () => {
    expect(isNewer(entry(), entry({ status: 'offered' }))).toBe(true);
    for (const status of ['purchased', 'expired', 'left'] as const) expect(isNewer(entry({ status: 'offered' }), entry({ status }))).toBe(true);
    expect(isNewer(entry({ status: 'waiting' }), entry({ status: 'left' }))).toBe(true);
  });

  it('never moves an entry back to an older status', () => {
    expect(isNewer(entry({ status: 'offered' }), entry({ status: 'waiting' }))).toBe(false);
    for (const status of ['waiting', 'offered'] as const) expect(isNewer(entry({ status: 'purchased' }), entry({ status }))).toBe(false);
  });

  it('takes a fresher picture of the same status (a new place in line)', () => {
    expect(isNewer(entry({ position: 5 }), entry({ position: 3 }))).toBe(true);
  });

  it('prefers the entry joined later when the buyer joined again', () => {
    const old = entry({ id: 'entry_1', status: 'left', joinedAt: '2026-05-01T10:00:00.000Z' });
    const rejoined = entry({ id: 'entry_2', status: 'waiting', joinedAt: '2026-05-01T10:05:00.000Z' });
    expect(isNewer(old, rejoined)).toBe(true);
    expect(isNewer(rejoined, old)).toBe(false);
  });
});

describe('isLive', () => {
  it('is true while the buyer waits or holds an offer', () => {
    expect(isLive(entry({ status: 'waiting' }))).toBe(true);
    expect(isLive(entry({ status: 'offered' }))).toBe(true);
    for (const status of ['purchased', 'expired', 'left'] as const) expect(isLive(entry({ status }))).toBe(false);
    expect(isLive(null)).toBe(false);
  });
});
