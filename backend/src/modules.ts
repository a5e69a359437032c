import type { BackendModule } from './app-context.js';
import { authModule } from './auth/module.js';
import { queueModule } from './queue/module.js';
import { realtimeModule } from './realtime/module.js';

/** Every backend module, installed in this order (one line each). */
export const modules: BackendModule[] = [authModule, queueModule, realtimeModule];
