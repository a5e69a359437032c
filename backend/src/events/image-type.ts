import { fileTypeFromBuffer } from 'file-type';
import { UnsupportedMediaType } from '../errors.js';

const allowed = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * The image's real type, read from its bytes. The file name and the Content-Type the client
 * claims are ignored: a "photo.png" that is really text or HTML is refused (415).
 */
export async function sniffImageType(bytes: Uint8Array): Promise<string> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !allowed.has(type.mime)) {
    throw new UnsupportedMediaType(`Images must be JPEG, PNG or WebP${type ? ` (this file is ${type.mime})` : ' (this file is not an image we recognise)'}`);
  }
  return type.mime;
}
