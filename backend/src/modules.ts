import type { BackendModule } from './app-context.js';
import { apiDocsModule } from './api-docs/module.js';
import { authModule } from './auth/module.js';
import { clusterModule } from './cluster/module.js';
import { doorModule } from './door/module.js';
import { embedModule } from './embed/module.js';
import { eventsModule } from './events/module.js';
import { fairnessModule } from './fairness/module.js';
import { mailModule } from './mail/module.js';
import { paymentsModule } from './payments/module.js';
import { queueModule } from './queue/module.js';
import { realtimeModule } from './realtime/module.js';
import { sellerModule } from './seller/module.js';
import { ticketsModule } from './tickets/module.js';

/** Every backend module, installed in this order (one line each). */
export const modules: BackendModule[] = [
  clusterModule,
  authModule,
  embedModule,
  queueModule,
  eventsModule,
  fairnessModule,
  ticketsModule,
  doorModule,
  mailModule,
  paymentsModule,
  sellerModule,
  realtimeModule,
  apiDocsModule,
];
