import { CheckCodeRequest, CheckCodeResponse, Code, CodeIdParams, CodeList, CreateCodeRequest, UpdateCodeRequest } from '@queuetix/contracts/codes';
import { EventIdParams } from '@queuetix/contracts/events';
import { commonErrors, endpoint, jsonBody, type Endpoint } from '../endpoint.js';

const codeInvalid = { status: 422, code: 'code_invalid', when: 'the code is unknown, used up, outside its validity window, or of the other kind' } as const;

/** Access and discount codes (docs/domain.md, Codes): the owner manages them, buyers check them. */
export const codeApi = {
  list: endpoint({
    method: 'get',
    path: '/api/events/:id/codes',
    group: 'Codes',
    access: 'owner',
    servedByEventOwner: true,
    summary: "The event's access and discount codes, with their uses",
    params: EventIdParams,
    responses: [{ status: 200, description: 'Every code, in the order they were made', schema: CodeList }],
    errors: [commonErrors.badId, commonErrors.unauthenticated, commonErrors.notOwner, commonErrors.noEvent, commonErrors.unavailable],
  }),
  create: endpoint({
    method: 'post',
    path: '/api/events/:id/codes',
    group: 'Codes',
    access: 'owner',
    servedByEventOwner: true,
    summary: 'Create an access or discount code',
    description:
      'Access codes unlock hidden ticket types (`typeIds`); discount codes take exactly one of `percentOff` or `amountOff` (per ticket, minor units) off the types in `typeIds` (empty = all). Codes are case-insensitive and unique per event.',
    params: EventIdParams,
    body: jsonBody(CreateCodeRequest, { code: 'SPRING-10', kind: 'discount', typeIds: [], percentOff: 10, maxUses: 100 }),
    inputName: 'code',
    responses: [{ status: 201, description: 'The new code', schema: Code }],
    errors: [
      { ...commonErrors.badBody, when: 'the body is invalid, or names a type the event does not have (access codes: a visible type)' },
      commonErrors.unauthenticated,
      commonErrors.notOwner,
      commonErrors.noEvent,
      { status: 409, code: 'conflict', when: 'the code already exists for this event' },
      commonErrors.unavailable,
    ],
  }),
  update: endpoint({
    method: 'patch',
    path: '/api/events/:id/codes/:codeId',
    group: 'Codes',
    access: 'owner',
    servedByEventOwner: true,
    summary: "Change a code's types, discount, limit or validity",
    description: 'The text and kind never change; `maxUses` can go down only to uses paid plus uses held.',
    params: CodeIdParams,
    body: jsonBody(UpdateCodeRequest, { maxUses: 200 }),
    inputName: 'changes',
    responses: [{ status: 200, description: 'The code as it is now', schema: Code }],
    errors: [
      commonErrors.badBody,
      commonErrors.unauthenticated,
      commonErrors.notOwner,
      { status: 404, code: 'not_found', when: 'no such event or code' },
      { status: 409, code: 'conflict', when: 'maxUses below the uses counted' },
      commonErrors.unavailable,
    ],
  }),
  remove: endpoint({
    method: 'delete',
    path: '/api/events/:id/codes/:codeId',
    group: 'Codes',
    access: 'owner',
    servedByEventOwner: true,
    summary: 'Delete a code nobody has used',
    params: CodeIdParams,
    responses: [{ status: 204, description: 'Deleted' }],
    errors: [
      commonErrors.badId,
      commonErrors.unauthenticated,
      commonErrors.notOwner,
      { status: 404, code: 'not_found', when: 'no such event or code' },
      { status: 409, code: 'conflict', when: 'the code has uses (end it with validUntil instead)' },
      commonErrors.unavailable,
    ],
  }),
  check: endpoint({
    method: 'post',
    path: '/api/events/:id/codes/check',
    group: 'Codes',
    access: 'signed-in',
    servedByEventOwner: true,
    summary: 'Check a code: what it unlocks or takes off',
    description: 'Nothing is held: the use is counted when the code is given to a join or a checkout.',
    params: EventIdParams,
    body: jsonBody(CheckCodeRequest, { code: 'spring-10' }),
    inputName: 'check',
    responses: [{ status: 200, description: 'What the code does', schema: CheckCodeResponse }],
    errors: [commonErrors.badBody, commonErrors.unauthenticated, commonErrors.noEvent, codeInvalid, commonErrors.unavailable],
  }),
};

export const codeEndpoints: Endpoint[] = Object.values(codeApi);
