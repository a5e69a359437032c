import type { Availability, Event } from '@queuetix/contracts/events';
import { DomainError } from '../errors.js';
import type { EventQueues } from '../queue/event-queues.js';
import { eventJson, storedAvailability, type EventDoc } from './event-doc.js';

/**
 * Which numbers an event is shown with: one event's page asks its actor (waking it if asleep);
 * lists ask only actors already running and use the stored summary for the rest, so browsing
 * never wakes hundreds of actors.
 */
export class LiveAvailability {
  constructor(
    private readonly queues: EventQueues,
    private readonly clock: () => number,
  ) {}

  /** Live numbers from the actor; the stored summary if the actor does not know the event. */
  async of(doc: EventDoc): Promise<Availability> {
    try {
      return await this.queues.availability(doc._id);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'not_found') return storedAvailability(doc, this.clock());
      throw err;
    }
  }

  /** For lists: the running actor's numbers where there is one, the stored summary elsewhere. */
  async ofMany(docs: EventDoc[]): Promise<Map<string, Availability>> {
    const now = this.clock();
    const entries = await Promise.all(
      docs.map(async (doc): Promise<[string, Availability]> => {
        if (this.queues.isRunning(doc._id)) {
          const live = await this.queues.availability(doc._id).catch(() => undefined);
          if (live) return [doc._id, live];
        }
        return [doc._id, storedAvailability(doc, now)];
      }),
    );
    return new Map(entries);
  }

  async toJsonList(docs: EventDoc[]): Promise<Event[]> {
    const availability = await this.ofMany(docs);
    return docs.map((doc) => eventJson(doc, availability.get(doc._id)!));
  }
}
