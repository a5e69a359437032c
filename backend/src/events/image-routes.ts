import { eventApi } from '../api-docs/endpoints/events.js';
import type { AppContext } from '../app-context.js';
import { Conflict, NotFound } from '../errors.js';
import { route, type Route } from '../http/route-table.js';
import { imageUrlOf } from './event-doc.js';
import type { EventService } from './event-service.js';
import type { ImageStore } from './image-store.js';
import { sniffImageType } from './image-type.js';
import { readImageUpload } from './image-upload.js';

const YEAR_SECONDS = 365 * 24 * 3600;

/** Event images: the owner uploads (JPEG/PNG/WebP, ≤ 5 MB, type read from the bytes); anyone reads. */
export function imageRoutes(app: AppContext, events: EventService, images: ImageStore): Route[] {
  // Who may upload is settled (owner access) before a byte of the body is read.
  const upload = route(eventApi.uploadImage, async ({ params: { id }, event: doc }, ctx) => {
    if (doc.isCancelled) throw new Conflict('The event is cancelled and can no longer be edited');
    const bytes = await readImageUpload(ctx);
    const contentType = await sniffImageType(bytes);

    const imageId = await images.save(id, bytes, contentType);
    const swapped = await events.repo.swapImage(id, imageId);
    if (!swapped) {
      await images.delete(imageId);
      throw new NotFound('Event');
    }
    if (swapped.previous && !swapped.previous.equals(imageId)) {
      await images.delete(swapped.previous).catch((err: unknown) => app.log.warn({ eventId: id, err }, 'old image not deleted'));
    }
    return { imageUrl: imageUrlOf({ _id: id, imageId }) };
  });

  const serve = route(eventApi.image, async ({ params: { id }, query }, ctx) => {
    const doc = await events.get(id);
    const image = doc.imageId && (await images.describe(doc.imageId));
    if (!image) throw new NotFound('Image');
    const version = image.id.toHexString();
    ctx.status = 200;
    ctx.type = image.contentType;
    ctx.set('ETag', `"${version}"`);
    ctx.set('Last-Modified', image.uploadedAt.toUTCString());
    // A versioned URL (?v=<image id>) never changes content; the bare URL must be revalidated.
    ctx.set('Cache-Control', query.v === version ? `public, max-age=${YEAR_SECONDS}, immutable` : 'public, no-cache');
    // The widget shows event images on organisers' own sites.
    ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.length = image.length;
    if (ctx.method === 'HEAD') return;
    ctx.body = images.open(image.id);
  });

  return [upload, serve];
}
