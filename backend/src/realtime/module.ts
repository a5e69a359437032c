import type { BackendModule } from '../app-context.js';
import { RealtimeHub } from './realtime-hub.js';

/** Socket.IO pushes of availability, entries, tickets and refund progress (api.md, Socket.IO). */
export const realtimeModule: BackendModule = {
  name: 'realtime',
  install(app) {
    const hub = new RealtimeHub(app);
    return {
      start: async () => hub.attach(),
      drain: () => hub.drain(),
      close: () => hub.close(),
    };
  },
};
