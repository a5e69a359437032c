/** Small real images (and fakes) for upload tests. */
import { gradientPng } from '../../backend/src/events/demo/gradient-png.js';

export const png = gradientPng(32, 16, [10, 20, 30], [200, 100, 50]);
/** A 1×1 baseline JPEG. */
export const jpeg = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
/** A 1×1 lossless WebP. */
export const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');

export function imageForm(bytes: Uint8Array, filename = 'photo.png', type = 'image/png', field = 'image'): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), filename);
  return form;
}
