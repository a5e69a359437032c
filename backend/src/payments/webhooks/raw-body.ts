import type { Context } from 'koa';
import { Invalid, PayloadTooLarge } from '../../errors.js';

const LIMIT_BYTES = 1024 * 1024;

/**
 * The request body exactly as it arrived, for signature checks. A JSON body was already read by
 * @koa/bodyparser, which keeps the raw text next to the parsed object (enableRawChecking); it is the
 * received UTF-8 decoded once, never re-serialised from the parsed object, so key order and
 * whitespace are the signed ones. Any other content type is still unread and is read here.
 */
export async function rawBodyOf(ctx: Context): Promise<string> {
  const parsed = (ctx.request as { rawBody?: string }).rawBody;
  if (typeof parsed === 'string') return parsed;
  if (ctx.req.readableEnded) throw new Invalid('The request body could not be read as received');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMIT_BYTES) throw new PayloadTooLarge('Webhook body too large');
    chunks.push(chunk);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}
