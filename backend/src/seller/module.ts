import type { BackendModule } from '../app-context.js';
import { sellerRoutes } from './seller-routes.js';

/** The seller's views of their own events; reads events and tickets, owns no data. */
export const sellerModule: BackendModule = {
  name: 'seller',
  install: (app) => ({ routes: sellerRoutes(app, app.events, app.tickets) }),
};
