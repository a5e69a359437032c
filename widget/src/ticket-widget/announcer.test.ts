import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wordsFor } from '../i18n/words.js';
import { Announcer, type Spoken } from './announcer.js';
import { entry } from './entry.fixture.js';

let said: Spoken[];
let announcer: Announcer;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-05-01T23:00:00.000Z') });
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  vi.stubGlobal('navigator', { language: 'en-US' });
  said = [];
  const words = wordsFor('en-US');
  announcer = new Announcer(
    () => words,
    (spoken) => said.push(spoken),
  );
});

afterEach(() => {
  announcer.dispose();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Announcer (what screen readers hear)', () => {
  it('says the place in line as soon as the buyer joins', () => {
    announcer.entryChanged(entry({ position: 40 }));
    expect(said).toEqual([{ polite: 'You are number 40 in line', assertive: '' }]);
  });

  it('speaks position updates at most every ten seconds, always with the latest number', () => {
    announcer.entryChanged(entry({ position: 40 }));
    vi.advanceTimersByTime(2_000);
    announcer.entryChanged(entry({ position: 39 }));
    announcer.entryChanged(entry({ position: 37 }));
    expect(said).toHaveLength(1);
    vi.advanceTimersByTime(7_999);
    expect(said).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(said.at(-1)).toEqual({ polite: 'You are number 37 in line', assertive: '' });
    expect(said).toHaveLength(2);
  });

  it('speaks a position update at once when the last one was long enough ago', () => {
    announcer.entryChanged(entry({ position: 40 }));
    vi.advanceTimersByTime(10_000);
    announcer.entryChanged(entry({ position: 12 }));
    expect(said.at(-1)?.polite).toBe('You are number 12 in line');
  });

  it('announces an offer at once and assertively, cancelling a pending position update', () => {
    announcer.entryChanged(entry({ position: 2 }));
    announcer.entryChanged(entry({ position: 1 }));
    announcer.entryChanged(entry({ status: 'offered', position: undefined, offeredQuantity: 2, offerExpiresAt: '2026-05-01T23:10:00.000Z' }));
    expect(said.at(-1)).toEqual({ polite: '', assertive: "It's your turn! 2 tickets are held for you until 7:10 PM." });
    vi.advanceTimersByTime(60_000);
    expect(said.map((s) => s.polite)).not.toContain('You are number 1 in line');
  });

  it('says what ended the entry: the purchase, the server outcome, or the default sentence', () => {
    announcer.entryChanged(entry({ status: 'offered', offeredQuantity: 1 }));
    announcer.entryChanged(entry({ status: 'purchased', offeredQuantity: 1 }));
    expect(said.at(-1)?.polite).toBe("You're going! 1 ticket bought.");
    announcer.entryChanged(entry({ status: 'expired', outcome: 'Your payment came too late and was refunded.' }));
    expect(said.at(-1)?.polite).toBe('Your payment came too late and was refunded.');
    announcer.entryChanged(entry({ status: 'left' }));
    expect(said.at(-1)?.polite).toBe('You left the line.');
  });

  it('tells a lottery entrant how the draw works, and never reads out a lottery position', () => {
    announcer.entryChanged(entry({ inLottery: true, position: undefined }));
    expect(said.at(-1)?.polite).toBe(wordsFor('en').t.lottery);
    vi.advanceTimersByTime(20_000);
    announcer.entryChanged(entry({ inLottery: true, position: 3 }));
    vi.advanceTimersByTime(20_000);
    expect(said).toHaveLength(1);
  });

  it('does not repeat itself', () => {
    announcer.entryChanged(entry({ position: 40 }));
    vi.advanceTimersByTime(30_000);
    announcer.entryChanged(entry({ position: 40 }));
    expect(said).toHaveLength(1);
  });

  it('says nothing more once disposed', () => {
    announcer.entryChanged(entry({ position: 40 }));
    announcer.entryChanged(entry({ position: 39 }));
    announcer.dispose();
    vi.advanceTimersByTime(60_000);
    expect(said).toHaveLength(1);
  });
});
