import type { Endpoint } from '../endpoint.js';
import { codeEndpoints } from './codes.js';
import { doorEndpoints } from './door.js';
import { embedEndpoints } from './embed.js';
import { docsEndpoints } from './docs.js';
import { eventEndpoints } from './events.js';
import { fairnessEndpoints } from './fairness.js';
import { identityEndpoints } from './identity.js';
import { paymentEndpoints } from './payments.js';
import { queueEndpoints } from './queue.js';
import { sellerEndpoints } from './seller.js';
import { ticketEndpoints } from './tickets.js';

/**
 * The whole public HTTP API, in the order the docs present it: the one route table. The server
 * registers exactly these (backend/src/http/route-table.ts), the cluster forwards those served by
 * the event's owner, and the OpenAPI document, docs/api.md and the hostile tests are built from it.
 */
export const endpoints: Endpoint[] = [
  ...identityEndpoints,
  ...eventEndpoints,
  ...queueEndpoints,
  ...codeEndpoints,
  ...fairnessEndpoints,
  ...paymentEndpoints.filter((e) => e.group !== 'Sellers'),
  ...ticketEndpoints,
  ...doorEndpoints,
  ...embedEndpoints,
  ...sellerEndpoints,
  ...paymentEndpoints.filter((e) => e.group === 'Sellers'),
  ...docsEndpoints,
];
