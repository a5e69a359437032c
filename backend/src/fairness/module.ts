import type { BackendModule } from '../app-context.js';
import { drawRoutes } from './draw-routes.js';
import { ProofOfWork } from './proof-of-work.js';
import { powRoutes } from './pow-routes.js';

/**
 * Fairness: the public, verifiable record of each event's early-arrival draw, and proof-of-work on
 * join (`app.proofOfWork`, which the queue's join route asks).
 */
export const fairnessModule: BackendModule = {
  name: 'fairness',
  install: (app) => {
    app.proofOfWork = new ProofOfWork(app.config, app.events, app.log);
    return { routes: [...drawRoutes(app), ...powRoutes(app)] };
  },
};
