import { EventIdParams } from '@queuetix/contracts/events';
import { ChangeItemsRequest, Entry, JoinQueueRequest, MyEntryQuery } from '@queuetix/contracts/queue';
import { commonErrors, endpoint, jsonBody, type Endpoint } from '../endpoint.js';

export const queueApi = {
  join: endpoint({
    method: 'post',
    path: '/api/events/:id/queue',
    group: 'Queue',
    access: 'signed-in',
    servedByEventOwner: true,
    leanPath: true,
    summary: "Join the event's waiting queue",
    description:
      'One live entry per buyer per event: joining again returns the existing entry (200). Before salesStartAt, joiners are placed by a seeded lottery when sales open. `notifyByEmail: true` emails the buyer when their offer is made (the buyer must have an address, see GET /api/me).',
    params: EventIdParams,
    body: jsonBody(JoinQueueRequest, { items: [{ typeId: 'general', quantity: 2 }] }),
    inputName: 'join',
    responses: [
      { status: 201, description: 'The new entry', schema: Entry },
      { status: 200, description: 'The buyer already had a live entry: that one', schema: Entry },
    ],
    errors: [
      { ...commonErrors.badBody, when: "the body is invalid, or quantity exceeds the event's maxPerBuyer" },
      commonErrors.unauthenticated,
      commonErrors.noEvent,
      {
        status: 409,
        code: 'conflict',
        when: 'the event is cancelled or not published yet (a draft), the buyer already holds maxPerBuyer tickets, or notifyByEmail is asked with no email address on file',
      },
      {
        status: 428,
        code: 'proof_required',
        when: 'the event asks for a proof of work and `pow` is missing, invalid, expired, for another buyer or event, or already used',
      },
      { status: 422, code: 'code_invalid', when: 'accessCode or discountCode does not work now (unknown, used up, outside its window, not for these tickets)' },
      { status: 429, code: 'rate_limited', when: 'too many joins from this user or address (see Retry-After)' },
      commonErrors.unavailable,
    ],
  }),
  myEntry: endpoint({
    method: 'get',
    path: '/api/events/:id/queue/me',
    group: 'Queue',
    access: 'signed-in',
    servedByEventOwner: true,
    leanPath: true,
    summary: 'My entry in the queue, with my live position',
    description: 'With `ifAny=true`, having no entry is answered 204 (no body) instead of 404, for pages that only ask whether the buyer is in line.',
    params: EventIdParams,
    query: MyEntryQuery,
    responses: [
      { status: 200, description: 'My live entry, else my latest', schema: Entry },
      { status: 204, description: '`ifAny=true` and I never joined this event' },
    ],
    errors: [
      commonErrors.badId,
      commonErrors.badQuery,
      commonErrors.unauthenticated,
      { status: 404, code: 'not_found', when: 'no such event, or I never joined it' },
      commonErrors.unavailable,
    ],
  }),
  changeItems: endpoint({
    method: 'patch',
    path: '/api/events/:id/queue/me',
    group: 'Queue',
    access: 'signed-in',
    servedByEventOwner: true,
    summary: 'Change what my waiting place asks for, keeping the place',
    description:
      'For a waiting entry (e.g. a type it asked for sold out: `unavailableTypeIds`). Hidden types stay reachable only through the access code the entry joined with.',
    params: EventIdParams,
    body: jsonBody(ChangeItemsRequest, { items: [{ typeId: 'general', quantity: 1 }] }),
    inputName: 'change',
    responses: [{ status: 200, description: 'The entry as it is now', schema: Entry }],
    errors: [
      { ...commonErrors.badBody, when: 'the body is invalid, names a type the event does not have, or exceeds a per-buyer limit' },
      commonErrors.unauthenticated,
      { status: 404, code: 'not_found', when: 'no such event, or no live entry' },
      { status: 409, code: 'conflict', when: 'the entry is not waiting (offered already), or a per-buyer limit is reached' },
      commonErrors.unavailable,
    ],
  }),
  leave: endpoint({
    method: 'delete',
    path: '/api/events/:id/queue/me',
    group: 'Queue',
    access: 'signed-in',
    servedByEventOwner: true,
    leanPath: true,
    summary: 'Leave the queue, or give an offer back',
    params: EventIdParams,
    responses: [{ status: 200, description: 'The entry, now `left`', schema: Entry }],
    errors: [
      commonErrors.badId,
      commonErrors.unauthenticated,
      { status: 404, code: 'not_found', when: 'no such event, or no live entry to leave' },
      commonErrors.unavailable,
    ],
  }),
};

export const queueEndpoints: Endpoint[] = Object.values(queueApi);
