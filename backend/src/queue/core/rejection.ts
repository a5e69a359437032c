import type { CoreError, CoreErrorCode } from './types.js';

/**
 * Thrown by a command handler while it is still validating, before it changes anything; apply()
 * turns it into { ok: false }. Handlers must never throw it after their first mutation.
 */
export class Rejection extends Error {
  constructor(readonly error: CoreError) {
    super(error.message);
  }
}

export function reject(code: CoreErrorCode, message: string): never {
  throw new Rejection({ code, message });
}
