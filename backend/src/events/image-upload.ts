import multer from '@koa/multer';
import type { Context, Next } from 'koa';
import { Invalid, PayloadTooLarge, UnsupportedMediaType } from '../errors.js';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 1024 },
}).single('image');

/**
 * Reads one multipart field `image` into memory (at most 5 MB) and leaves it on ctx.file.
 * Multer's and busboy's own errors become the API's 413 / 415 / 400 here, next to their cause.
 */
export async function readImageUpload(ctx: Context): Promise<Buffer> {
  if (!ctx.is('multipart/form-data')) {
    throw new UnsupportedMediaType('Send the image as multipart/form-data in the field "image"');
  }
  try {
    await upload(ctx, (async () => undefined) as Next);
  } catch (err) {
    throw uploadError(err);
  }
  const file = ctx.file as { buffer?: Buffer } | undefined;
  if (!file?.buffer || file.buffer.length === 0) throw new Invalid('Put the image file in the multipart field "image"');
  return file.buffer;
}

function uploadError(err: unknown): Error {
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'LIMIT_FILE_SIZE':
      return new PayloadTooLarge(`Images may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
    case 'LIMIT_UNEXPECTED_FILE':
    case 'LIMIT_FILE_COUNT':
      return new Invalid('Send exactly one file, in the multipart field "image"');
    case 'LIMIT_PART_COUNT':
    case 'LIMIT_FIELD_COUNT':
    case 'LIMIT_FIELD_KEY':
    case 'LIMIT_FIELD_VALUE':
      return new Invalid('Send only the image (multipart field "image")');
    default:
      return new Invalid('Malformed multipart body');
  }
}
