import { CheckInPass, CheckInPassList, CheckInPassParams, CreateCheckInPassRequest, CreateCheckInPassResponse, DoorCount } from '@queuetix/contracts/door';
import { EventIdParams } from '@queuetix/contracts/events';
import { commonErrors, endpoint, jsonBody, type Endpoint } from '../endpoint.js';

const passTokenErrors = [
  { status: 401, code: 'unauthenticated', when: 'no valid Bearer token, or a check-in pass that is unknown or revoked' },
  { status: 403, code: 'forbidden', when: 'the caller does not own the event, or holds a check-in pass of another event' },
] as const;

export const doorApi = {
  createPass: endpoint({
    method: 'post',
    path: '/api/events/:id/check-in-passes',
    group: 'Door',
    access: 'owner',
    summary: 'Create a check-in pass for door staff',
    description:
      'The pass checks tickets in for this event and shows its door count, nothing else (403 elsewhere). Its token is shown once, here (only a hash is stored); `url` opens the staff page with it, to share as a link or QR code.',
    params: EventIdParams,
    body: jsonBody(CreateCheckInPassRequest, { label: 'North door' }),
    inputName: 'check-in pass',
    responses: [{ status: 201, description: 'The pass, its token and its link', schema: CreateCheckInPassResponse }],
    errors: [commonErrors.badId, commonErrors.badBody, commonErrors.unauthenticated, commonErrors.notOwner, commonErrors.noEvent, commonErrors.unavailable],
  }),
  listPasses: endpoint({
    method: 'get',
    path: '/api/events/:id/check-in-passes',
    group: 'Door',
    access: 'owner',
    summary: "The event's check-in passes, newest first (revoked ones too)",
    params: EventIdParams,
    responses: [{ status: 200, description: 'The passes (without tokens)', schema: CheckInPassList }],
    errors: [commonErrors.badId, commonErrors.unauthenticated, commonErrors.notOwner, commonErrors.noEvent, commonErrors.unavailable],
  }),
  revokePass: endpoint({
    method: 'delete',
    path: '/api/events/:id/check-in-passes/:passId',
    group: 'Door',
    access: 'owner',
    summary: 'Revoke a check-in pass (at once: its next request is refused)',
    params: CheckInPassParams,
    responses: [{ status: 200, description: 'The revoked pass', schema: CheckInPass }],
    errors: [
      commonErrors.badId,
      commonErrors.unauthenticated,
      commonErrors.notOwner,
      { status: 404, code: 'not_found', when: 'no such event, or no such pass of it' },
      commonErrors.unavailable,
    ],
  }),
  doorCount: endpoint({
    method: 'get',
    path: '/api/events/:id/door',
    group: 'Door',
    access: 'owner-or-pass',
    summary: 'The door count: tickets checked in, of tickets sold',
    params: EventIdParams,
    responses: [{ status: 200, description: 'The event and its door numbers', schema: DoorCount }],
    errors: [commonErrors.badId, ...passTokenErrors, commonErrors.noEvent, commonErrors.unavailable],
  }),
};

export const doorEndpoints: Endpoint[] = Object.values(doorApi);
