import type { ObjectId } from 'mongodb';
import type { Availability, Event, EventStatus } from '@queuetix/contracts/events';
import type { PowMode } from '@queuetix/contracts/pow';

/** Stored availability numbers, refreshed from the actor; what lists show for events whose actor sleeps. */
export interface AvailabilitySummary extends Availability {
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
  price: number;
  currency: string;
  totalTickets: number;
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

/** The public Event of api.md. */
export function eventJson(doc: EventDoc, availability: Availability): Event {
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
  const { updatedAt: _updatedAt, ...numbers } = doc.availability;
  const opensByClock = doc.salesStartAt === null || doc.salesStartAt.getTime() <= now;
  return { ...numbers, salesOpen: !doc.isCancelled && (numbers.salesOpen || opensByClock) };
}
