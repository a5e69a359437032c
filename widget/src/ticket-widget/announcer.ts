import type { Entry } from '@queuetix/contracts';
import type { Words } from '../i18n/words.js';

/** At most one spoken position update per this many ms: a rush moves the line every second. */
const positionQuietMs = 10_000;

export type Spoken = { polite: string; assertive: string };

/**
 * Decides what the screen-reader live regions say. Status changes (an offer, a purchase, an
 * expiry) are spoken at once; position updates are spoken at most every ten seconds, always
 * with the latest number, so a screen-reader user is kept informed without being drowned.
 */
export class Announcer {
  private lastStatus: Entry['status'] | null = null;
  private lastSpokenAt = 0;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private spoken: Spoken = { polite: '', assertive: '' };

  constructor(
    readonly words: () => Words,
    private readonly speak: (spoken: Spoken) => void,
  ) {}

  entryChanged(entry: Entry): void {
    const statusChanged = entry.status !== this.lastStatus;
    this.lastStatus = entry.status;
    if (entry.status === 'waiting' && !statusChanged) return this.positionMoved(entry);
    this.clearPending();
    const { t, f } = this.words();
    switch (entry.status) {
      case 'waiting':
        return this.say({ polite: entry.inLottery ? t.lottery : t.position(entry.position ?? 0), assertive: '' });
      case 'offered': {
        const until = entry.offerExpiresAt ? f.time(entry.offerExpiresAt) : '';
        return this.say({ polite: '', assertive: `${t.offerTitle} ${t.offerHeld(entry.offeredQuantity ?? entry.quantity, until)}` });
      }
      case 'purchased':
        return this.say({ polite: `${t.purchasedTitle} ${t.purchased(entry.offeredQuantity ?? entry.quantity)}`, assertive: '' });
      case 'expired':
        return this.say({ polite: entry.outcome ?? t.expired, assertive: '' });
      case 'left':
        return this.say({ polite: entry.outcome ?? t.youLeft, assertive: '' });
    }
  }

  dispose(): void {
    this.clearPending();
  }

  private positionMoved(entry: Entry): void {
    if (entry.inLottery || entry.position === undefined) return;
    const text = this.words().t.position(entry.position);
    const wait = this.lastSpokenAt + positionQuietMs - Date.now();
    this.clearPending();
    if (wait <= 0) return this.say({ polite: text, assertive: '' });
    this.pending = setTimeout(() => this.say({ polite: text, assertive: '' }), wait);
  }

  private say(spoken: Spoken): void {
    this.pending = null;
    this.lastSpokenAt = Date.now();
    if (spoken.polite === this.spoken.polite && spoken.assertive === this.spoken.assertive) return;
    this.spoken = spoken;
    this.speak(spoken);
  }

  private clearPending(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
  }
}
