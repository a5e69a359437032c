import { DevSignInRequest, DevSignInResponse, HealthResponse, MeResponse, PublicConfig, UpdateEmailRequest } from '@queuetix/contracts/auth';
import { commonErrors, endpoint, jsonBody, type Endpoint } from '../endpoint.js';

export const identityApi = {
  devSignIn: endpoint({
    method: 'post',
    path: '/api/dev/sign-in',
    group: 'Identity',
    access: 'anyone',
    summary: 'Dev sign-in: a token for a named buyer or seller',
    description:
      'Exists only when Clerk is not configured. Tokens have the claims of a Clerk session token and are verified by the same code. Passing `userId` signs in as that user again.',
    body: jsonBody(DevSignInRequest, { name: 'Alice', role: 'buyer' }),
    inputName: 'sign-in',
    responses: [{ status: 200, description: 'The token and the user', schema: DevSignInResponse }],
    errors: [commonErrors.badBody, { status: 404, code: 'not_found', when: 'Clerk is configured (no dev sign-in)' }, commonErrors.unavailable],
  }),
  me: endpoint({
    method: 'get',
    path: '/api/me',
    group: 'Identity',
    access: 'signed-in',
    summary: 'The signed-in user',
    description:
      '`email` is where tickets and "it\'s your turn" messages go: the identity provider\'s address (the `email` claim of the session token) unless the user chose another.',
    responses: [{ status: 200, description: 'The user', schema: MeResponse }],
    errors: [commonErrors.unauthenticated, commonErrors.unavailable],
  }),
  setEmail: endpoint({
    method: 'put',
    path: '/api/me/email',
    group: 'Identity',
    access: 'signed-in',
    summary: 'Change where my tickets are emailed',
    body: jsonBody(UpdateEmailRequest, { email: 'alice@example.com' }),
    inputName: 'email',
    responses: [{ status: 200, description: 'The user with the new address', schema: MeResponse }],
    errors: [
      { ...commonErrors.badBody, when: 'the address is not an email address or longer than 254 characters' },
      commonErrors.unauthenticated,
      commonErrors.unavailable,
    ],
  }),
  config: endpoint({
    method: 'get',
    path: '/api/config',
    group: 'Identity',
    access: 'anyone',
    summary: 'How this deployment signs in and takes payments',
    responses: [{ status: 200, description: 'Public configuration', schema: PublicConfig }],
    errors: [],
  }),
  health: endpoint({
    method: 'get',
    path: '/api/health',
    group: 'Identity',
    access: 'anyone',
    summary: 'Liveness and database reachability',
    responses: [{ status: 200, description: 'Up, database reachable', schema: HealthResponse }],
    errors: [
      { status: 503, code: 'unavailable', when: 'the database is unreachable (body `{ ok: false, db: "down" }`)' },
      {
        status: 503,
        code: 'unavailable',
        when: 'this instance is shutting down (body `{ ok: false, draining: true }`, `Retry-After`); so is every other request until it exits',
      },
    ],
  }),
};

export const identityEndpoints: Endpoint[] = Object.values(identityApi);
