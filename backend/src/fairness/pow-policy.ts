import type { PowMode } from '@queuetix/contracts/pow';
import type { EventService } from '../events/event-service.js';

const SETTINGS_TTL_MS = 5_000;
const RATE_WINDOW_MS = 10_000;

interface Settings {
  mode: PowMode;
  waiting: number;
  readAt: number;
}

/**
 * Whether a join of an event needs a proof now. Reads the event's mode (and its stored line
 * length) at most every 5 s, so events without proof-of-work cost a map lookup per join; with
 * mode auto, proofs are required while the line is long or joins arrive fast on this instance.
 * Once an event's settings are known, a join never waits for the database: settings older than
 * 5 s are answered as they are and refreshed behind it (the join path stays free of reads).
 */
export class PowPolicy {
  private readonly settings = new Map<string, Settings>();
  private readonly refreshing = new Map<string, Promise<Settings>>();
  private readonly joins = new Map<string, { windowStart: number; count: number; lastRate: number }>();

  constructor(
    private readonly events: Pick<EventService, 'get'>,
    private readonly limits: { autoWaiting: number; autoJoinsPerSec: number },
    private readonly now: () => number,
  ) {}

  async required(eventId: string): Promise<boolean> {
    const { mode, waiting } = await this.settingsOf(eventId);
    if (mode !== 'auto') return mode === 'on';
    return waiting >= this.limits.autoWaiting || this.joinRate(eventId) >= this.limits.autoJoinsPerSec;
  }

  /** The event's proof-of-work mode as last read (at most 5 s old once known). */
  async mode(eventId: string): Promise<PowMode> {
    return (await this.settingsOf(eventId)).mode;
  }

  /**
   * The mode as last read, without waiting for a read (undefined when never read): for decisions
   * that must not wait, like the lean path's. A stale entry starts a refresh, as mode() does.
   */
  knownMode(eventId: string): PowMode | undefined {
    return this.cachedSettings(eventId)?.mode;
  }

  /** Counts a join attempt towards the event's rate (auto mode watches it). */
  noteJoin(eventId: string): void {
    const now = this.now();
    const entry = this.joins.get(eventId) ?? { windowStart: now, count: 0, lastRate: 0 };
    if (now - entry.windowStart >= RATE_WINDOW_MS) {
      entry.lastRate = entry.count / ((now - entry.windowStart) / 1000);
      entry.windowStart = now;
      entry.count = 0;
    }
    entry.count++;
    this.joins.set(eventId, entry);
  }

  /** The owner changed the mode: apply it here at once (other instances within 5 s). */
  forget(eventId: string): void {
    this.settings.delete(eventId);
  }

  private joinRate(eventId: string): number {
    const entry = this.joins.get(eventId);
    if (!entry) return 0;
    const elapsed = Math.max(1, this.now() - entry.windowStart) / 1000;
    return Math.max(entry.lastRate, entry.count / Math.max(elapsed, 1));
  }

  private async settingsOf(eventId: string): Promise<Settings> {
    return this.cachedSettings(eventId) ?? this.refresh(eventId);
  }

  /** The settings as last read, if ever; past 5 s a refresh starts in the background. */
  private cachedSettings(eventId: string): Settings | undefined {
    const cached = this.settings.get(eventId);
    // A failed refresh keeps the last known settings; the next join past the 5 s tries again.
    if (cached && this.now() - cached.readAt >= SETTINGS_TTL_MS) this.refresh(eventId).catch(() => cached);
    return cached;
  }

  /** One read per event at a time, however many joins ask. */
  private refresh(eventId: string): Promise<Settings> {
    let pending = this.refreshing.get(eventId);
    if (!pending) {
      pending = this.events
        .get(eventId)
        .then((doc) => {
          const fresh: Settings = { mode: doc.powMode ?? 'off', waiting: doc.availability.waiting, readAt: this.now() };
          this.settings.set(eventId, fresh);
          return fresh;
        })
        .finally(() => this.refreshing.delete(eventId));
      this.refreshing.set(eventId, pending);
    }
    return pending;
  }
}
