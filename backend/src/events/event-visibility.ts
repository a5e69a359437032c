import { Conflict } from '../errors.js';
import { statusOf, type EventDoc } from './event-doc.js';
import type { EventRepository } from './event-repository.js';

/** Enough to remember every event of a busy marketplace; past it the memory starts over. */
const MAX_REMEMBERED = 100_000;

/**
 * Whether an event is a draft (seen only by its owner, joined by nobody).
 * An event never goes back from published to draft, so ids known to be published are remembered
 * and the hot paths (joins, availability polls during an on-sale) read no document for them.
 */
export class EventVisibility {
  private readonly published = new Set<string>();

  constructor(private readonly repo: EventRepository) {}

  /** Throws a Conflict when the event is a draft: nobody queues for an event not yet published. */
  async assertJoinable(eventId: string): Promise<void> {
    if (await this.draftOrNull(eventId)) {
      throw new Conflict('This event is not published yet: its line opens once the organiser publishes it');
    }
  }

  /** The document when the event is a draft; null when it is published or does not exist. */
  async draftOrNull(eventId: string): Promise<EventDoc | null> {
    if (this.published.has(eventId)) return null;
    const doc = await this.repo.find(eventId);
    if (!doc) return null;
    if (statusOf(doc) === 'draft') return doc;
    this.remember(eventId);
    return null;
  }

  remember(eventId: string): void {
    if (this.published.size >= MAX_REMEMBERED) this.published.clear();
    this.published.add(eventId);
  }
}
