import type { BackendModule } from '../app-context.js';
import { queueRoutes } from './routes.js';

export const queueModule: BackendModule = {
  name: 'queue',
  install: (app) => ({ routers: [queueRoutes(app)] }),
};
