import { randomFillSync } from 'node:crypto';

/** 96 random bits per id, as before; drawn from a pool filled 4 KiB at a time instead of one CSPRNG call per join. */
const ID_BYTES = 12;
const pool = Buffer.alloc(ID_BYTES * 341);
let used = pool.length;

/** A fresh queue entry id: `e_` and 16 base64url characters (96 random bits, never reused). */
export function newEntryId(): string {
  if (used + ID_BYTES > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const id = pool.toString('base64url', used, used + ID_BYTES);
  used += ID_BYTES;
  return `e_${id}`;
}
