import type { Endpoint } from '../endpoint.js';
import { eventEndpoints } from './events.js';
import { fairnessEndpoints } from './fairness.js';
import { identityEndpoints } from './identity.js';
import { paymentEndpoints } from './payments.js';
import { queueEndpoints } from './queue.js';
import { sellerEndpoints } from './seller.js';
import { ticketEndpoints } from './tickets.js';

/** The whole public HTTP API (api.md), in the order the docs present it. */
export const endpoints: Endpoint[] = [
  ...identityEndpoints,
  ...eventEndpoints,
  ...queueEndpoints,
  ...fairnessEndpoints,
  ...paymentEndpoints.filter((e) => e.group !== 'Sellers'),
  ...ticketEndpoints,
  ...sellerEndpoints,
  ...paymentEndpoints.filter((e) => e.group === 'Sellers'),
];
