/**
 * MongoDB's duplicate key error. Uniqueness and exactly-once rest on unique-index inserts (FerretDB
 * 1.24 has no atomic conditional update), so "already there" is an answer, not a failure.
 */
const DUPLICATE_KEY = 11000;

/** One insert refused because its unique key is taken. */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number } | null)?.code === DUPLICATE_KEY;
}

/** A bulk insert (`ordered: false`) whose only failures are documents whose unique key was taken. */
export function onlyDuplicateKeys(err: unknown): boolean {
  const writeErrors = (err as { writeErrors?: unknown } | null)?.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 && list.every(isDuplicateKey);
}
