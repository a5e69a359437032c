/**
 * The hostile tests attack the endpoint list itself (backend/src/api-docs/endpoints), so a new
 * endpoint is attacked as soon as it is described: who may call each one, on which of the world's
 * ids, and with which valid body (the descriptor's example) bad input is made from.
 */
import type { Endpoint, JsonBody } from '../../../backend/src/api-docs/endpoint.js';
import { endpoints } from '../../../backend/src/api-docs/endpoints/index.js';
import type { Api } from '../../support/api.js';
import type { Person, World } from './world.js';

export { endpoints };
export { endpointKey as nameOf } from '../../../backend/src/api-docs/endpoint.js';

/** Someone the endpoint's access level lets in: a buyer with tickets, or seller A (owner of event A); undefined for anyone. */
export function callerOf(e: Endpoint, w: World): Person | undefined {
  switch (e.access) {
    case 'anyone':
    case 'stripe':
      return undefined;
    case 'signed-in':
      return w.paid;
    case 'seller':
    case 'owner':
    case 'owner-or-pass':
      return w.sellerA;
  }
}

export const apiOf = (e: Endpoint, w: World): Api => callerOf(e, w)?.api ?? w.anonymous;

/** The endpoint's path with each parameter replaced by `value(name)`. */
export const pathWith = (e: Endpoint, value: (param: string) => string): string => e.path.replace(/:([A-Za-z]+)/g, (_, name: string) => value(name));

/** The path on the world's real ids: event A, and the open demo checkout session. */
export const worldPath = (e: Endpoint, w: World): string => pathWith(e, (name) => (name === 'sessionId' ? w.sessionId : w.eventA));

export const jsonBodyOf = (e: Endpoint): JsonBody | undefined => (e.body && 'json' in e.body ? e.body : undefined);

/** GET, POST … as a request names it. */
export const methodOf = (e: Endpoint): string => e.method.toUpperCase();

export const withPathParams = endpoints.filter((e) => e.params);
export const withJsonBody = endpoints.filter((e) => jsonBodyOf(e));
/** Endpoints whose body the JSON parser reads (its size limit applies): JSON bodies and the raw webhook body. */
export const readingJson = endpoints.filter((e) => e.body && !('multipartImage' in e.body));
/** Lists: a query and a JSON answer. */
export const lists = endpoints.filter((e) => e.query && e.responses[0]?.schema);
export const needingSignIn = endpoints.filter((e) => e.access === 'signed-in' || e.access === 'seller' || e.access === 'owner' || e.access === 'owner-or-pass');
