/** Arbitraries of bad input: values of the wrong kind, bodies one mistake away from valid, junk text. */
import fc from 'fast-check';
import type { z } from 'zod';

/** Values a field should never accept (or only by accident; callers filter what the contract allows). */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53, 2 ** 31, '', ' ', '\u0000', 'NaN', '1e999', '<script>alert(1)</script>', "'; DROP TABLE events; --"),
  fc.constantFrom<unknown>({ $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' }, ['$regex', '.*'], '2026-13-45T25:61:00Z', 'x'.repeat(20_000)),
);

/** Keys an attacker adds: someone else's id, counters, Mongo operators, prototype tricks. */
const hostileKey = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.constantFrom('userId', 'ownerId', 'id', '_id', 'status', 'sold', 'role', 'isCancelled', '__proto__', 'constructor', 'prototype', '$set', '$where'),
);

const withKey = (base: Record<string, unknown>, key: string, value: unknown) =>
  Object.fromEntries([...Object.entries(base).filter(([k]) => k !== key), [key, value]]);

/**
 * Bodies one step away from `valid` (a wrong value, a missing field, an extra field) or not an
 * object at all, keeping only those the contract refuses once they have been through JSON.
 */
export function invalidBodies(valid: Record<string, unknown>, schema: z.ZodType): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc
    .oneof(
      fc.record({ key: fc.constantFrom(...keys), value: wrongValue }).map(({ key, value }) => withKey(valid, key, value)),
      fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
      fc.record({ key: hostileKey, value: fc.jsonValue({ maxDepth: 2 }) }).map(({ key, value }) => withKey(valid, key, value)),
      fc.jsonValue({ maxDepth: 3 }),
    )
    .filter((body) => !schema.safeParse(JSON.parse(JSON.stringify(body) ?? 'null')).success);
}

/** Raw text sent as a JSON body: malformed JSON, truncated documents, control characters. */
export const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json().map((text) => text.slice(0, Math.max(1, text.length - 1))),
  fc.constantFrom(
    '{',
    '{"quantity":',
    '[1,2',
    'null',
    'true',
    '""',
    '{"a":1}{"b":2}',
    '\uFEFF{}',
    '{"__proto__":{"admin":true}}',
    '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]',
  ),
);

/** Strings for a path parameter: junk of every kind, traversal attempts, long and empty-looking ids. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
  fc.constantFrom('..', '.', '../../etc/passwd', '%00', '$ne', '{"$gt":""}', 'null', 'undefined', 'x'.repeat(65), 'x'.repeat(5_000), ' ', '\n', 'ev_'),
);
