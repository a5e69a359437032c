import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, fold } from './ics';

const octets = (s: string) => new TextEncoder().encode(s).length;
const unfold = (s: string) => s.replace(/\r\n /g, '');
/** Half of an emoji: what splitting a UTF-16 pair would leave behind. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('escapeText', () => {
  it('escapes backslashes, semicolons, commas and newlines (RFC 5545 TEXT)', () => {
    expect(escapeText('a;b,c\\d\r\ne\nf')).toBe('a\\;b\\,c\\\\d\\ne\\nf');
  });
});

describe('fold', () => {
  it('leaves a line of 75 octets alone', () => {
    const line = 'x'.repeat(75);
    expect(fold(line)).toBe(line);
  });

  it('folds a long line into pieces of at most 75 octets, continuation lines starting with a space', () => {
    const line = `DESCRIPTION:${'abcdefghij'.repeat(20)}`;
    const physical = fold(line).split('\r\n');
    expect(physical.length).toBeGreaterThan(2);
    for (const [i, piece] of physical.entries()) {
      expect(octets(piece)).toBeLessThanOrEqual(75);
      if (i > 0) expect(piece.startsWith(' ')).toBe(true);
    }
    expect(unfold(fold(line))).toBe(line);
  });

  it('counts octets, not characters, and never splits a multi-byte character', () => {
    const line = `LOCATION:${'Zürich 🎷 '.repeat(20)}`;
    const physical = fold(line).split('\r\n');
    for (const piece of physical) {
      expect(octets(piece)).toBeLessThanOrEqual(75);
      expect(piece).not.toMatch(loneSurrogate);
    }
    expect(unfold(fold(line))).toBe(line);
  });
});

describe('buildIcs', () => {
  const event = {
    uid: 'evt_42@queuetix',
    title: 'Jazz, late; live',
    description: 'Doors at 7\nBring ID',
    location: 'Blue Room',
    start: new Date('2026-05-01T23:30:00.000Z'),
  };
  const now = new Date('2026-04-01T08:00:00.123Z');

  it('is one VEVENT in a VCALENDAR, with CRLF line ends and times in UTC', () => {
    const ics = buildIcs(event, now);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    expect(ics.split('\r\n').slice(0, -1)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Queuetix//Event//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:evt_42@queuetix',
      'DTSTAMP:20260401T080000Z',
      'DTSTART:20260501T233000Z',
      'DTEND:20260502T013000Z',
      'SUMMARY:Jazz\\, late\\; live',
      'DESCRIPTION:Doors at 7\\nBring ID',
      'LOCATION:Blue Room',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
  });

  it('ends the event after the given duration (two hours when none is given) and adds the URL when there is one', () => {
    const ics = buildIcs({ ...event, durationMinutes: 45, url: 'https://queuetix.example/events/42' }, now);
    expect(ics).toContain('\r\nDTEND:20260502T001500Z\r\n');
    expect(ics).toContain('\r\nURL:https://queuetix.example/events/42\r\n');
    expect(buildIcs(event, now)).not.toContain('URL:');
  });
});
