import type { BackendModule } from '../app-context.js';
import { retryInBackground } from '../events/retry.js';
import { doorRoutes } from './door-routes.js';
import { CheckInPasses } from './pass-repository.js';

/**
 * The door (issue 12, part 8): check-in passes a seller gives door staff — one event, revocable —
 * and the door count. Sets `app.checkInPasses`, which the HTTP guard (pass-scope.ts) checks with.
 */
export const doorModule: BackendModule = {
  name: 'door',
  install(app) {
    const passes = new CheckInPasses(app.db.db);
    app.checkInPasses = passes;
    return {
      routes: doorRoutes(app, passes),
      async start() {
        retryInBackground(app.log, 'check-in pass index', () => passes.ensureIndexes());
      },
    };
  },
};
