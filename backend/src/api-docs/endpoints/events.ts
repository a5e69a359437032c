import { z } from 'zod';
import {
  Availability,
  CancelEventResponse,
  CreateEventRequest,
  Event,
  EventIdParams,
  EventList,
  ImageUploadResponse,
  SearchEventsQuery,
  UpdateEventRequest,
} from '@queuetix/contracts/events';
import { commonErrors, endpoint, idempotencyNote, jsonBody, type Endpoint } from '../endpoint.js';

/** Unknown query parameters are refused like unknown body fields; ranges must not be upside down. */
const SearchQuery = SearchEventsQuery.strict()
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    message: 'minPrice must not exceed maxPrice',
    path: ['minPrice'],
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'from must not be after to', path: ['from'] });

// A repeated or odd `v` is ignored (the image is then served uncacheable), as it was before queries were parsed.
const ImageQuery = z.object({
  v: z.string().optional().catch(undefined).meta({ description: 'The image version from imageUrl; makes the response cacheable for a year' }),
});

export const eventApi = {
  search: endpoint({
    method: 'get',
    path: '/api/events',
    group: 'Events',
    access: 'anyone',
    summary: 'Search events',
    description:
      '`q` matches words in name, description or location (case-insensitive, literal text). `from`/`to` bound eventDate (inclusive), `minPrice`/`maxPrice` the price; `available=true` keeps events not cancelled and not sold out (`false`: only those cancelled or sold out). Sorted by eventDate ascending; cancelled events stay listed with `isCancelled: true`.',
    query: SearchQuery,
    inputName: 'search',
    responses: [{ status: 200, description: 'A page of events', schema: EventList }],
    errors: [{ ...commonErrors.badQuery, when: 'a parameter is malformed or unknown, minPrice > maxPrice, or from is after to' }, commonErrors.unavailable],
  }),
  create: endpoint({
    method: 'post',
    path: '/api/events',
    group: 'Events',
    access: 'seller',
    summary: 'Create an event',
    description:
      'Creates the event and its waiting queue. Sales open at once, or at `salesStartAt` with a lottery among early arrivals. `allowedOrigins` lists the sites that may embed the ticket widget (`*`: any site; empty: Queuetix only).' +
      idempotencyNote,
    body: jsonBody(CreateEventRequest, {
      name: 'Jazz at the Harbour',
      description: 'An evening of jazz by the sea',
      location: 'Harbour Hall, Lisbon',
      eventDate: '2031-06-20T19:00:00.000Z',
      price: 2500,
      currency: 'eur',
      totalTickets: 300,
      maxPerBuyer: 4,
    }),
    inputName: 'event',
    responses: [{ status: 201, description: 'The new event', schema: Event }],
    errors: [
      { ...commonErrors.badBody, when: 'the body is invalid (see the schema), eventDate is not in the future, or salesStartAt is not before eventDate' },
      commonErrors.unauthenticated,
      commonErrors.notSeller,
      { status: 409, code: 'conflict', when: "the event is paid and the seller's Stripe account cannot take charges yet (the message says what is missing)" },
      commonErrors.idempotencyKeyReused,
      commonErrors.unavailable,
    ],
  }),
  read: endpoint({
    method: 'get',
    path: '/api/events/:id',
    group: 'Events',
    access: 'anyone',
    summary: 'One event, with live availability',
    params: EventIdParams,
    responses: [{ status: 200, description: 'The event', schema: Event }],
    errors: [commonErrors.badId, commonErrors.noEvent, commonErrors.unavailable],
  }),
  update: endpoint({
    method: 'patch',
    path: '/api/events/:id',
    group: 'Events',
    access: 'owner',
    summary: 'Edit an event',
    description:
      'Send only the fields to change. `totalTickets` can grow, and shrink down to tickets sold plus tickets held by live offers; `salesStartAt` can change until sales open. Settings apply to what happens next (new joins, new offers).',
    params: EventIdParams,
    body: jsonBody(UpdateEventRequest, { name: 'Jazz at the Harbour (late show)', totalTickets: 350 }),
    inputName: 'event',
    responses: [{ status: 200, description: 'The event as changed', schema: Event }],
    errors: [
      commonErrors.badId,
      { ...commonErrors.badBody, when: 'the body is invalid or empty, or the dates are inconsistent' },
      commonErrors.unauthenticated,
      commonErrors.notOwner,
      commonErrors.noEvent,
      {
        status: 409,
        code: 'conflict',
        when: 'the event is cancelled; totalTickets below sold + held; salesStartAt after sales opened; a free event made paid by a seller who cannot take charges',
      },
      commonErrors.unavailable,
    ],
  }),
  uploadImage: endpoint({
    method: 'post',
    path: '/api/events/:id/image',
    group: 'Events',
    access: 'owner',
    summary: "Upload or replace the event's image",
    description:
      'multipart/form-data with one file in the field `image`: JPEG, PNG or WebP, at most 5 MB. The type is read from the bytes; the file name and claimed Content-Type are ignored. The previous image is deleted.',
    params: EventIdParams,
    body: { multipartImage: true },
    responses: [{ status: 200, description: 'Where the image is served', schema: ImageUploadResponse }],
    errors: [
      commonErrors.badId,
      { status: 400, code: 'invalid_request', when: 'no file in the field `image`, more than one file, other fields, or a malformed multipart body' },
      commonErrors.unauthenticated,
      commonErrors.notOwner,
      commonErrors.noEvent,
      { status: 409, code: 'conflict', when: 'the event is cancelled' },
      { status: 413, code: 'payload_too_large', when: 'the file is over 5 MB' },
      { status: 415, code: 'unsupported_media_type', when: 'the bytes are not JPEG, PNG or WebP, or the body is not multipart/form-data' },
      commonErrors.unavailable,
    ],
  }),
  image: endpoint({
    method: 'get',
    path: '/api/events/:id/image',
    group: 'Events',
    access: 'anyone',
    summary: "The event's image",
    description: 'Served with its Content-Type, an ETag (304 on If-None-Match) and `Cache-Control: immutable` when `v` names the current image.',
    params: EventIdParams,
    query: ImageQuery,
    responses: [
      { status: 200, description: 'The image bytes', contentType: 'image/jpeg | image/png | image/webp', binary: true },
      { status: 304, description: 'Not modified (If-None-Match matched the ETag)' },
    ],
    errors: [commonErrors.badId, { status: 404, code: 'not_found', when: 'no such event, or it has no image' }, commonErrors.unavailable],
  }),
  availability: endpoint({
    method: 'get',
    path: '/api/events/:id/availability',
    group: 'Events',
    access: 'anyone',
    servedByEventOwner: true,
    summary: "The event's live availability",
    params: EventIdParams,
    responses: [{ status: 200, description: 'Counts from the event actor', schema: Availability }],
    errors: [commonErrors.badId, commonErrors.noEvent, commonErrors.unavailable],
  }),
  cancel: endpoint({
    method: 'post',
    path: '/api/events/:id/cancel',
    group: 'Events',
    access: 'owner',
    summary: 'Cancel an event and refund every paid ticket, used or not',
    description: 'Stops sales and offers at once, then refunds in the background (resumable). Calling it again returns the progress.',
    params: EventIdParams,
    responses: [{ status: 200, description: 'Refund progress', schema: CancelEventResponse }],
    errors: [commonErrors.badId, commonErrors.unauthenticated, commonErrors.notOwner, commonErrors.noEvent, commonErrors.unavailable],
  }),
};

export const eventEndpoints: Endpoint[] = Object.values(eventApi);
