import { EventIdParams } from '@queuetix/contracts/events';
import { CheckInRequest, CheckInResponse, Ticket, TicketIdParams, TicketList, TicketsQuery } from '@queuetix/contracts/tickets';
import { commonErrors, endpoint, jsonBody, type Endpoint } from '../endpoint.js';

export const ticketApi = {
  list: endpoint({
    method: 'get',
    path: '/api/tickets',
    group: 'Tickets',
    access: 'signed-in',
    summary: 'My tickets, newest first, each with its event',
    description:
      'Tickets bought together carry the same `order.id`, each numbered `order.index` of `order.size`. `eventId` keeps the tickets of one event: an embed token (the widget) may list only those of its event.',
    query: TicketsQuery,
    responses: [{ status: 200, description: 'A page of my tickets', schema: TicketList }],
    errors: [commonErrors.badQuery, commonErrors.unauthenticated, commonErrors.unavailable],
  }),
  read: endpoint({
    method: 'get',
    path: '/api/tickets/:id',
    group: 'Tickets',
    access: 'signed-in',
    summary: 'One ticket (its buyer, or the organiser of its event)',
    params: TicketIdParams,
    responses: [{ status: 200, description: 'The ticket with its event', schema: Ticket }],
    errors: [
      commonErrors.badId,
      commonErrors.unauthenticated,
      { status: 404, code: 'not_found', when: 'no such ticket, or it is neither mine nor of my event (the two are not told apart)' },
      commonErrors.unavailable,
    ],
  }),
  pdf: endpoint({
    method: 'get',
    path: '/api/tickets/:id/pdf',
    group: 'Tickets',
    access: 'signed-in',
    summary: 'One ticket as a printable PDF',
    description:
      "One A4 page: the event, date and place in the venue's time zone, the holder, the same QR code as on screen and the code written out. The order confirmation email attaches the same pages for every ticket of the order.",
    params: TicketIdParams,
    responses: [{ status: 200, description: 'The PDF (`Content-Disposition: attachment`)', contentType: 'application/pdf', binary: true }],
    errors: [
      commonErrors.badId,
      commonErrors.unauthenticated,
      { status: 404, code: 'not_found', when: 'no such ticket, or it is neither mine nor of my event' },
      commonErrors.unavailable,
    ],
  }),
  checkIn: endpoint({
    method: 'post',
    path: '/api/events/:id/check-in',
    group: 'Tickets',
    access: 'owner-or-pass',
    summary: 'Check a ticket in at the door by its code',
    description:
      'The first scan of a valid ticket admits it (valid → used); two doors scanning at once admit it once. Otherwise the result says why not: `already_used` (with `checkedInAt` and the `door` that admitted it, when that scan named one), `refunded`, `wrong_event` (a ticket of another event; not shown), `not_found`. Codes are read case-insensitively, with or without dashes and spaces, O read as 0 and I or L as 1 (tickets issued before 16-symbol codes match exactly).',
    params: EventIdParams,
    body: jsonBody(CheckInRequest, { code: 'Xq3v9LrT0aWk2mB7yNc4Eg' }),
    inputName: 'check-in',
    responses: [{ status: 200, description: 'The verdict, with the ticket when it belongs to this event', schema: CheckInResponse }],
    errors: [
      commonErrors.badId,
      commonErrors.badBody,
      { ...commonErrors.unauthenticated, when: 'no valid Bearer token, or a check-in pass that is unknown or revoked' },
      { ...commonErrors.notOwner, when: 'the caller does not own the event, or holds a check-in pass of another event' },
      commonErrors.noEvent,
      commonErrors.unavailable,
    ],
  }),
};

export const ticketEndpoints: Endpoint[] = Object.values(ticketApi);
