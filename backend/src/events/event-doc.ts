import type { ObjectId } from 'mongodb';
import type { Availability, Event, EventStatus } from '@queuetix/contracts/events';
import type { PowMode } from '@queuetix/contracts/pow';
import type { TicketType } from '@queuetix/contracts/ticket-types';
import { LEGACY_TYPE_ID } from '../queue/core/ticket-types.js';
import { typesJson } from './ticket-type-config.js';

/** Stored availability numbers, refreshed from the actor; what lists show for events whose actor sleeps. */
export interface AvailabilitySummary extends Omit<Availability, 'types'> {
  /** Absent on summaries stored before ticket types. */
  types?: Availability['types'];
  updatedAt: Date;
}

/**
 * An event as stored in the `events` collection: the seed's data model (name, description,
 * location, eventDate, image, price, totalTickets, cancelled flag, createdAt, owner) plus the
 * queue settings. The actor owns the live counts; this document owns what buyers read.
 */
export interface EventDoc {
  _id: string;
  ownerId: string;
  name: string;
  description: string;
  location: string;
  eventDate: Date;
  /** IANA name of the venue's zone; absent on events stored before it existed. */
  timeZone?: string;
  /** Derived from the types: the first visible one's price. */
  price: number;
  currency: string;
  /** Derived from the types and capacity: what the event can sell in all. */
  totalTickets: number;
  /** Copied from the actor's config after each change; absent on events stored before types (one type: typesOfDoc). */
  ticketTypes?: TicketType[];
  /** Overall capacity shared by the types (absent/null: their sum). */
  capacity?: number | null;
  salesStartAt: Date | null;
  maxPerBuyer: number;
  offerWindowSec: number;
  allowedOrigins: string[];
  /** GridFS file id in the `images` bucket. */
  imageId: ObjectId | null;
  isCancelled: boolean;
  /** Absent on events stored before drafts existed: those are published. */
  status?: EventStatus;
  publishedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  availability: AvailabilitySummary;
  /** SHA-256 commitment to the seed of the early-arrival draw, copied from the actor (absent on older documents). */
  drawCommitment?: string | null;
  /** Proof-of-work on join (absent on older documents: off). */
  powMode?: PowMode;
}

export function imageUrlOf(doc: Pick<EventDoc, '_id' | 'imageId'>): string | null {
  return doc.imageId ? `/api/events/${encodeURIComponent(doc._id)}/image?v=${doc.imageId.toHexString()}` : null;
}

export function statusOf(doc: Pick<EventDoc, 'status'>): EventStatus {
  return doc.status ?? 'published';
}

/** The public Event of api.md; hidden ticket types only for the owner. */
export function eventJson(doc: EventDoc, availability: Availability, viewer: { owner: boolean } = { owner: false }): Event {
  return {
    id: doc._id,
    ownerId: doc.ownerId,
    name: doc.name,
    description: doc.description,
    location: doc.location,
    eventDate: doc.eventDate.toISOString(),
    timeZone: doc.timeZone ?? null,
    price: doc.price,
    currency: doc.currency,
    totalTickets: doc.totalTickets,
    ticketTypes: typesJson(doc, viewer.owner),
    capacity: doc.capacity ?? null,
    salesStartAt: doc.salesStartAt ? doc.salesStartAt.toISOString() : null,
    maxPerBuyer: doc.maxPerBuyer,
    offerWindowSec: doc.offerWindowSec,
    imageUrl: imageUrlOf(doc),
    isCancelled: doc.isCancelled,
    status: statusOf(doc),
    createdAt: doc.createdAt.toISOString(),
    allowedOrigins: doc.allowedOrigins,
    drawCommitment: doc.drawCommitment ?? null,
    powMode: doc.powMode ?? 'off',
    availability,
  };
}

/**
 * The stored summary as a buyer should see it now. Sales open by the clock even if the actor that
 * will draw the lottery has not written back yet; a cancelled event is never open.
 */
export function storedAvailability(doc: EventDoc, now: number): Availability {
  const { updatedAt: _updatedAt, types, ...numbers } = doc.availability;
  const opensByClock = doc.salesStartAt === null || doc.salesStartAt.getTime() <= now;
  const salesOpen = !doc.isCancelled && (numbers.salesOpen || opensByClock);
  // A summary stored before types is the one legacy type's.
  const { total, sold, held, free, soldOut } = numbers;
  const legacy = [{ typeId: LEGACY_TYPE_ID, total, sold, held, free, soldOut, onSale: salesOpen }];
  return { ...numbers, salesOpen, types: types ?? legacy };
}
