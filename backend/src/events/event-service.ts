import type { UserDoc } from '../auth/user-repository.js';
import type { Availability, CreateEventRequest, Event, SearchEventsQuery, UpdateEventRequest } from '../contracts/events.js';
import { Conflict, DomainError, Forbidden, NotFound } from '../errors.js';
import type { Logger } from '../logger.js';
import * as core from '../queue/core/index.js';
import type { EventQueues } from '../queue/event-queues.js';
import { AvailabilitySummaries } from './availability-summary.js';
import { actorConfigOf, actorPatchOf } from './event-config.js';
import { eventJson, storedAvailability, type EventDoc } from './event-doc.js';
import { newEventId } from './event-ids.js';
import { EventRepository } from './event-repository.js';
import { checkEventDates } from './event-rules.js';
import { allowEveryone, type PublishGuard } from './publish-guard.js';
import { searchFilter } from './search-filter.js';
import type { Db } from 'mongodb';

export interface EventPage {
  items: Event[];
  total: number;
}

/**
 * Events: the documents buyers browse, kept in step with each event's actor, which owns capacity
 * and the queue. Every change that the actor must agree to goes to the actor first.
 */
export class EventService {
  readonly repo: EventRepository;
  private readonly summaries: AvailabilitySummaries;
  private guard: PublishGuard = allowEveryone;

  private readonly queues: EventQueues;
  private readonly clock: () => number;

  constructor(deps: { db: Db; queues: EventQueues; log: Logger; clock?: () => number }) {
    this.queues = deps.queues;
    this.clock = deps.clock ?? Date.now;
    this.repo = new EventRepository(deps.db);
    this.summaries = new AvailabilitySummaries(this.repo, deps.log);
    const { queues } = deps;
    queues.onEffects((eventId, effects, state) => {
      if (effects.some((e) => e.type === 'availabilityChanged' || e.type === 'eventCancelled')) {
        this.summaries.changed(eventId, core.availability(state));
      }
    });
  }

  /** Payments installs the rule "a seller whose account cannot take charges cannot publish a paid event". */
  setPublishGuard(guard: PublishGuard): void {
    this.guard = guard;
  }

  /**
   * Creates the actor first, then the document. A crash in between leaves an actor nobody can
   * reach (its random id was never returned), never a document without an actor.
   */
  async create(seller: UserDoc, input: CreateEventRequest): Promise<Event> {
    const now = this.clock();
    const eventDate = new Date(input.eventDate);
    const salesStartAt = input.salesStartAt ? new Date(input.salesStartAt) : null;
    checkEventDates(eventDate, salesStartAt, now, true);
    if (input.price > 0) await this.guard(seller, { price: input.price, currency: input.currency });

    const id = newEventId();
    const { availability } = await this.queues.create(id, actorConfigOf(input));
    const doc: EventDoc = {
      _id: id,
      ownerId: seller._id,
      name: input.name,
      description: input.description,
      location: input.location,
      eventDate,
      price: input.price,
      currency: input.currency,
      totalTickets: input.totalTickets,
      salesStartAt,
      maxPerBuyer: input.maxPerBuyer,
      offerWindowSec: input.offerWindowSec,
      allowedOrigins: input.allowedOrigins,
      imageId: null,
      isCancelled: false,
      createdAt: new Date(now),
      updatedAt: new Date(now),
      availability: { ...availability, updatedAt: new Date(now) },
    };
    await this.repo.insert(doc);
    return eventJson(doc, availability);
  }

  /**
   * An owner's edit. Capacity and queue settings go through the actor first (it enforces "shrink
   * only down to sold + held"); the document follows. If the process dies in between, the owner's
   * retry applies the same patch again, which the actor accepts as a no-op.
   */
  async update(eventId: string, seller: UserDoc, patch: UpdateEventRequest): Promise<Event> {
    const doc = await this.getOwned(eventId, seller._id);
    if (doc.isCancelled) throw new Conflict('The event is cancelled and can no longer be edited');
    const eventDate = patch.eventDate ? new Date(patch.eventDate) : doc.eventDate;
    const salesStartAt = patch.salesStartAt === undefined ? doc.salesStartAt : patch.salesStartAt === null ? null : new Date(patch.salesStartAt);
    checkEventDates(eventDate, salesStartAt, this.clock(), patch.eventDate !== undefined);
    const price = patch.price ?? doc.price;
    if (price > 0 && doc.price === 0) {
      await this.guard(seller, { price, currency: patch.currency ?? doc.currency });
    }

    const actorPatch = actorPatchOf(patch);
    let availability: Availability | undefined;
    if (Object.keys(actorPatch).length > 0) {
      availability = (await this.queues.command(eventId, { type: 'configure', patch: actorPatch })).availability;
    }
    const { eventDate: _d, salesStartAt: _s, ...plain } = patch;
    const updated = await this.repo.update(eventId, {
      ...plain,
      ...(patch.eventDate !== undefined ? { eventDate } : {}),
      ...(patch.salesStartAt !== undefined ? { salesStartAt } : {}),
    });
    if (!updated) throw new NotFound('Event');
    if (availability) await this.summaries.writeNow(eventId, availability);
    return eventJson(updated, availability ?? (await this.liveAvailability(updated)));
  }

  find(eventId: string): Promise<EventDoc | null> {
    return this.repo.find(eventId);
  }

  async get(eventId: string): Promise<EventDoc> {
    const doc = await this.repo.find(eventId);
    if (!doc) throw new NotFound('Event');
    return doc;
  }

  /** The event, if the caller owns it: 404 when it does not exist, 403 when it is someone else's. */
  async getOwned(eventId: string, userId: string): Promise<EventDoc> {
    const doc = await this.get(eventId);
    if (doc.ownerId !== userId) throw new Forbidden("Only the event's owner can do this");
    return doc;
  }

  /** One event with its actor's live numbers. */
  async read(eventId: string): Promise<Event> {
    const doc = await this.get(eventId);
    return eventJson(doc, await this.liveAvailability(doc));
  }

  /** Live numbers from the actor (woken if asleep); the stored summary if the actor cannot answer it. */
  async liveAvailability(doc: EventDoc): Promise<Availability> {
    try {
      return await this.queues.availability(doc._id);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'not_found') return storedAvailability(doc, this.clock());
      throw err;
    }
  }

  /** For lists: the running actor's numbers where there is one, the stored summary elsewhere (no actor is woken). */
  async listAvailability(docs: EventDoc[]): Promise<Map<string, Availability>> {
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
    const availability = await this.listAvailability(docs);
    return docs.map((doc) => eventJson(doc, availability.get(doc._id)!));
  }

  async search(query: SearchEventsQuery): Promise<EventPage> {
    const { items, total } = await this.repo.page(searchFilter(query), query.page, query.pageSize);
    return { items: await this.toJsonList(items), total };
  }

  /** A seller's own events, by date. */
  listByOwner(ownerId: string, page: number, pageSize: number) {
    return this.repo.page({ ownerId }, page, pageSize);
  }

  /** Called by the cancellation (payments) once the actor has stopped sales. */
  async markCancelled(eventId: string): Promise<void> {
    await this.repo.markCancelled(eventId);
  }

  async close(): Promise<void> {
    await this.summaries.close();
  }
}
