import type { AppContext } from '../../app-context.js';
import type { EventService } from '../event-service.js';
import type { ImageStore } from '../image-store.js';
import { demoEvents } from './demo-events.js';
import { gradientPng } from './gradient-png.js';

export const DEMO_SELLER_ID = 'demo_seller';

/**
 * On an empty database (SEED_DEMO=true), a demo organiser and a few varied events, created through
 * the same service and actors as real ones, so the start command shows a working product.
 */
export async function seedDemo(app: AppContext, events: EventService, images: ImageStore): Promise<void> {
  if (!(await events.repo.isEmpty())) return;
  const seller = await app.users.upsertDevUser(DEMO_SELLER_ID, 'Demo Organiser', 'seller');
  const now = Date.now();
  let created = 0;
  for (const demo of demoEvents(now)) {
    try {
      const event = await events.create(seller, demo.event);
      const png = gradientPng(640, 360, demo.colours[0], demo.colours[1]);
      const imageId = await images.save(event.id, png, 'image/png');
      await events.repo.swapImage(event.id, imageId);
      const fans = Array.from({ length: demo.queuedFans ?? 0 }, (_, i) => i);
      await Promise.all(
        fans.map((i) => app.queues.command(event.id, { type: 'join', entryId: `demo_${event.id}_${i}`, userId: `demo_fan_${i}`, quantity: 1 + (i % 4) })),
      );
      created++;
    } catch (err) {
      // e.g. Stripe mode, where the demo organiser has no account able to take charges.
      app.log.warn({ event: demo.event.name, err }, 'demo event not seeded');
    }
  }
  app.log.info({ created }, 'demo events seeded');
}
