import type { BackendModule } from '../app-context.js';
import { authRoutes } from './routes.js';

export const authModule: BackendModule = {
  name: 'auth',
  install: (app) => ({ routes: authRoutes(app) }),
};
