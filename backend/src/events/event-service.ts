import type { Db } from 'mongodb';
import type { UserDoc } from '../auth/user-repository.js';
import type { Availability, CreateEventRequest, Event, EventFields, SearchEventsQuery, UpdateEventRequest } from '@queuetix/contracts/events';
import { Conflict, Forbidden, NotFound } from '../errors.js';
import type { Logger } from '../logger.js';
import * as core from '../queue/core/index.js';
import type { EventQueues } from '../queue/event-queues.js';
import { KeyedLock } from '../storage/keyed-lock.js';
import { AvailabilitySummaries } from './availability-summary.js';
import { actorConfigOf, actorPatchOf } from './event-config.js';
import { eventJson, statusOf, type EventDoc } from './event-doc.js';
import { newEventId } from './event-ids.js';
import { storedTypesOf, typesOfDoc } from './ticket-type-config.js';
import { withDerivedFields } from '../queue/core/ticket-types.js';
import { EventRepository } from './event-repository.js';
import { checkEventDates } from './event-rules.js';
import { EventVisibility } from './event-visibility.js';
import { allowEveryone, type PublishGuard } from './publish-guard.js';
import { LiveAvailability } from './live-availability.js';
import { searchFilter } from './search-filter.js';

function maxPrice(types: readonly { price: number }[]): number {
  return Math.max(0, ...types.map((t) => t.price));
}

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
  /** Drafts: seen only by their owner, joined by nobody. */
  readonly visibility: EventVisibility;
  private readonly summaries: AvailabilitySummaries;
  private guard: PublishGuard = allowEveryone;
  private readonly edits = new KeyedLock();

  private readonly queues: EventQueues;
  private readonly clock: () => number;
  private readonly live: LiveAvailability;

  constructor(deps: { db: Db; queues: EventQueues; log: Logger; clock?: () => number }) {
    this.queues = deps.queues;
    this.clock = deps.clock ?? Date.now;
    this.repo = new EventRepository(deps.db);
    this.visibility = new EventVisibility(this.repo);
    this.live = new LiveAvailability(deps.queues, this.clock);
    this.summaries = new AvailabilitySummaries(this.repo, deps.log);
    const { queues } = deps;
    queues.onEffects((eventId, effects, state) => {
      if (effects.some((e) => e.type === 'availabilityChanged' || e.type === 'eventCancelled')) {
        this.summaries.changed(eventId, core.availability(state));
      }
      // A commitment made by the actor on its own (an event from before commitments) reaches the document too.
      const committed = effects.find((e) => e.type === 'drawCommitted');
      if (committed) {
        this.repo
          .update(eventId, { drawCommitment: committed.commitment })
          .catch((err: unknown) => deps.log.warn({ err, eventId }, 'draw commitment not copied to the event'));
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
  async create(seller: UserDoc, input: EventFields & { status?: CreateEventRequest['status'] }): Promise<Event> {
    const now = this.clock();
    const eventDate = new Date(input.eventDate);
    const salesStartAt = input.salesStartAt ? new Date(input.salesStartAt) : null;
    checkEventDates(eventDate, salesStartAt, now, true);
    const status = input.status ?? 'published';
    const publish = status === 'published';
    const config = withDerivedFields(actorConfigOf(input));
    const paid = config.types.some((t) => t.price > 0);
    // A draft may be priced before payouts are set up; the guard runs when it is published.
    if (publish && paid) await this.guard(seller, { price: maxPrice(config.types), currency: input.currency });

    const id = newEventId();
    const { availability, drawCommitment } = await this.queues.create(id, config);
    const doc: EventDoc = {
      _id: id,
      ownerId: seller._id,
      name: input.name,
      description: input.description,
      location: input.location,
      eventDate,
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
      price: config.price,
      currency: input.currency,
      totalTickets: config.totalTickets,
      ticketTypes: storedTypesOf(config.types),
      capacity: config.capacity,
      salesStartAt,
      maxPerBuyer: input.maxPerBuyer,
      offerWindowSec: input.offerWindowSec,
      allowedOrigins: input.allowedOrigins,
      powMode: input.powMode ?? 'off',
      imageId: null,
      isCancelled: false,
      status,
      ...(publish ? { publishedAt: new Date(now) } : {}),
      createdAt: new Date(now),
      updatedAt: new Date(now),
      availability: { ...availability, updatedAt: new Date(now) },
      drawCommitment,
    };
    await this.repo.insert(doc);
    return eventJson(doc, availability, { owner: true });
  }

  /**
   * An owner's edit. Capacity and queue settings go through the actor first (it enforces "shrink
   * only down to sold + held"); the document follows. If the process dies in between, the owner's
   * retry applies the same patch again, which the actor accepts as a no-op.
   */
  update(eventId: string, seller: UserDoc, patch: UpdateEventRequest): Promise<Event> {
    // One edit of an event at a time, so the document ends in the order the actor applied them.
    return this.edits.run(eventId, () => this.applyUpdate(eventId, seller, patch));
  }

  private async applyUpdate(eventId: string, seller: UserDoc, patch: UpdateEventRequest): Promise<Event> {
    const doc = await this.getOwned(eventId, seller._id);
    if (doc.isCancelled) throw new Conflict('The event is cancelled and can no longer be edited');
    const eventDate = patch.eventDate ? new Date(patch.eventDate) : doc.eventDate;
    const salesStartAt = patch.salesStartAt === undefined ? doc.salesStartAt : patch.salesStartAt === null ? null : new Date(patch.salesStartAt);
    checkEventDates(eventDate, salesStartAt, this.clock(), patch.eventDate !== undefined);
    const wasPaid = typesOfDoc(doc).some((t) => t.price > 0);
    const price = Math.max(patch.price ?? 0, ...(patch.ticketTypes ?? []).map((t) => t.price));
    if (price > 0 && !wasPaid && statusOf(doc) === 'published') {
      await this.guard(seller, { price, currency: patch.currency ?? doc.currency });
    }

    const actorPatch = actorPatchOf(patch);
    let availability: Availability | undefined;
    let drawCommitment: string | null | undefined;
    let derived: Partial<EventDoc> = {};
    if (Object.keys(actorPatch).length > 0) {
      const reply = await this.queues.command(eventId, { type: 'configure', patch: actorPatch });
      ({ availability, drawCommitment } = reply);
      const { config } = reply;
      derived = { price: config.price, totalTickets: config.totalTickets, ticketTypes: storedTypesOf(config.types ?? []), capacity: config.capacity ?? null };
    }
    const { eventDate: _d, salesStartAt: _s, ticketTypes: _t, capacity: _c, price: _p, totalTickets: _n, ...plain } = patch;
    const updated = await this.repo.update(eventId, {
      ...plain,
      ...derived,
      ...(drawCommitment ? { drawCommitment } : {}),
      ...(patch.eventDate !== undefined ? { eventDate } : {}),
      ...(patch.salesStartAt !== undefined ? { salesStartAt } : {}),
    });
    if (!updated) throw new NotFound('Event');
    if (availability) await this.summaries.writeNow(eventId, availability);
    return eventJson(updated, availability ?? (await this.liveAvailability(updated)), { owner: true });
  }

  /**
   * Publishes an owner's draft: listed, readable by anyone and joinable from now on. Publishing a
   * published event changes nothing. A paid event needs a seller who can take charges.
   */
  publish(eventId: string, seller: UserDoc): Promise<Event> {
    return this.edits.run(eventId, async () => {
      const doc = await this.getOwned(eventId, seller._id);
      if (doc.isCancelled) throw new Conflict('The event is cancelled and can no longer be published');
      if (statusOf(doc) === 'draft') {
        checkEventDates(doc.eventDate, doc.salesStartAt, this.clock(), true);
        const top = maxPrice(typesOfDoc(doc));
        if (top > 0) await this.guard(seller, { price: top, currency: doc.currency });
        const updated = await this.repo.update(eventId, { status: 'published', publishedAt: new Date(this.clock()) });
        if (!updated) throw new NotFound('Event');
        this.visibility.remember(eventId);
        return eventJson(updated, await this.liveAvailability(updated), { owner: true });
      }
      return eventJson(doc, await this.liveAvailability(doc), { owner: true });
    });
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

  /** One event with its actor's live numbers (the route hides other sellers' drafts); hidden types for its owner. */
  async read(eventId: string, viewerId?: string): Promise<Event> {
    const doc = await this.get(eventId);
    return eventJson(doc, await this.liveAvailability(doc), { owner: viewerId === doc.ownerId });
  }

  /** Live numbers from the actor (woken if asleep). */
  liveAvailability(doc: EventDoc): Promise<Availability> {
    return this.live.of(doc);
  }

  /** Events as the API shows them in lists (no actor is woken). */
  toJsonList(docs: EventDoc[]): Promise<Event[]> {
    return this.live.toJsonList(docs);
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
