import { DevSignInRequest, DevSignInResponse, HealthResponse, MeResponse, PublicConfig } from '../../contracts/auth.js';
import { commonErrors, type Endpoint } from '../endpoint.js';

export const identityEndpoints: Endpoint[] = [
  {
    method: 'post', path: '/api/dev/sign-in', group: 'Identity', access: 'anyone',
    summary: 'Dev sign-in: a token for a named buyer or seller',
    description: 'Exists only when Clerk is not configured. Tokens have the claims of a Clerk session token and are verified by the same code. Passing `userId` signs in as that user again.',
    body: { json: DevSignInRequest },
    responses: [{ status: 200, description: 'The token and the user', schema: DevSignInResponse }],
    errors: [commonErrors.badBody, { status: 404, code: 'not_found', when: 'Clerk is configured (no dev sign-in)' }, commonErrors.unavailable],
  },
  {
    method: 'get', path: '/api/me', group: 'Identity', access: 'signed-in',
    summary: 'The signed-in user',
    responses: [{ status: 200, description: 'The user', schema: MeResponse }],
    errors: [commonErrors.unauthenticated, commonErrors.unavailable],
  },
  {
    method: 'get', path: '/api/config', group: 'Identity', access: 'anyone',
    summary: 'How this deployment signs in and takes payments',
    responses: [{ status: 200, description: 'Public configuration', schema: PublicConfig }],
    errors: [],
  },
  {
    method: 'get', path: '/api/health', group: 'Identity', access: 'anyone',
    summary: 'Liveness and database reachability',
    responses: [{ status: 200, description: 'Up, database reachable', schema: HealthResponse }],
    errors: [
      { status: 503, code: 'unavailable', when: 'the database is unreachable (body `{ ok: false, db: "down" }`)' },
      { status: 503, code: 'unavailable', when: 'this instance is shutting down (body `{ ok: false, draining: true }`, `Retry-After`); so is every other request until it exits' },
    ],
  },
];
