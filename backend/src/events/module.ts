import type { BackendModule } from '../app-context.js';
import { seedDemo } from './demo/seed.js';
import { eventRoutes } from './event-routes.js';
import { EventService } from './event-service.js';
import { imageRoutes } from './image-routes.js';
import { ImageStore } from './image-store.js';
import { IdempotencyStore } from '../storage/idempotency-store.js';
import { retryInBackground } from './retry.js';

/**
 * Events: documents, search, images, and the demo seed. Exposes `app.events` (EventService) for
 * payments (publish guard, markCancelled) and the seller views.
 */
export const eventsModule: BackendModule = {
  name: 'events',
  install(app) {
    const events = new EventService({ db: app.db.db, queues: app.queues, log: app.log });
    const images = new ImageStore(app.db.db);
    app.events = events;
    app.idempotency = new IdempotencyStore(app.db.db);
    return {
      routes: [...eventRoutes(app, events), ...imageRoutes(app, events, images)],
      async start() {
        // Indexes only speed reads up; a database that is away at start must not stop the server.
        retryInBackground(app.log, 'event indexes', () => events.repo.ensureIndexes());
        retryInBackground(app.log, 'idempotency key index', () => app.idempotency.ensureIndexes());
        if (app.config.SEED_DEMO) {
          await seedDemo(app, events, images).catch((err: unknown) => app.log.error({ err }, 'demo seed failed'));
        }
      },
      close: () => events.close(),
    };
  },
};
