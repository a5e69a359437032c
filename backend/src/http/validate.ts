import { z } from 'zod';
import { Invalid } from '../errors.js';

/** Parses untrusted input with a contract schema; a failure is a 400 naming each bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = fields[0];
    const summary = first ? `${first.path || what}: ${first.message}` : 'invalid';
    throw new Invalid(`Invalid ${what} — ${summary}`, { fields });
  }
  return result.data;
}
