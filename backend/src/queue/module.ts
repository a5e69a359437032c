import type { BackendModule } from '../app-context.js';
import { JoinRateLimits } from './join-rate-limits.js';
import { queueRoutes } from './routes.js';

export const queueModule: BackendModule = {
  name: 'queue',
  install: (app) => {
    // Built here, not in the routes: with Redis it holds a connection that must be closed at shutdown.
    const limits = JoinRateLimits.fromConfig(app.config, app.log);
    return { routes: queueRoutes(app, limits), close: () => limits.close() };
  },
};
