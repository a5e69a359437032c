import type { BackendModule } from '../app-context.js';
import { drawRoutes } from './draw-routes.js';

/** Fairness: the public, verifiable record of each event's early-arrival draw. */
export const fairnessModule: BackendModule = {
  name: 'fairness',
  install: (app) => ({ routers: [drawRoutes(app)] }),
};
