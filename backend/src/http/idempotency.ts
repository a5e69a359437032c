import type { Context } from 'koa';
import { Conflict, Invalid } from '../errors.js';
import { IdempotencyStore } from '../storage/idempotency-store.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Runs `run` once per `Idempotency-Key` header, caller and endpoint (`scope`): a retry with the same
 * key and the same request gets the first answer again (header `Idempotent-Replayed: true`); the
 * same key with a different request is a 409; while the first is still running, a 409 says to
 * retry. Without the header, `run` simply runs. Only successful answers are kept: a failed request
 * releases its key, so retrying it tries again.
 */
export async function answerIdempotently(
  ctx: Context,
  store: IdempotencyStore,
  options: { scope: string; callerId: string; request: unknown; status?: number },
  run: () => Promise<unknown>,
): Promise<void> {
  const status = options.status ?? 200;
  const key = ctx.get('Idempotency-Key');
  if (!key) {
    ctx.status = status;
    ctx.body = await run();
    return;
  }
  if (!KEY_PATTERN.test(key)) throw new Invalid('Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is ideal)');
  const { scope, callerId } = options;
  const claim = await store.claim(scope, callerId, key, IdempotencyStore.fingerprint({ path: ctx.path, request: options.request }));
  if (claim.kind === 'different-request') throw new Conflict('This Idempotency-Key was already used for a different request; use a new key for a new request');
  if (claim.kind === 'in-progress') throw new Conflict('A request with this Idempotency-Key is still being processed; retry in a moment');
  if (claim.kind === 'replay') {
    ctx.set('Idempotent-Replayed', 'true');
    ctx.status = claim.answer.status;
    ctx.body = claim.answer.body;
    return;
  }
  let body: unknown;
  try {
    body = await run();
  } catch (err) {
    await store.release(scope, callerId, key).catch(() => undefined); // left pending, it is taken over after a minute
    throw err;
  }
  // The answer is stored before it is sent: a client that retries after a lost answer gets this one.
  await store.complete(scope, callerId, key, { status, body });
  ctx.status = status;
  ctx.body = body;
}
