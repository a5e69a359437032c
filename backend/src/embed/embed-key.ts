import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { isDuplicateKey } from '../storage/duplicate-key.js';

interface SigningKeyDoc {
  _id: string;
  secret: string;
  createdAt: Date;
}

const KEY_ID = 'embed-hs256';

/**
 * The secret that signs embed tokens, kept in the database so every instance signs and verifies
 * with the same one, in Clerk mode as in dev mode (Clerk's key cannot sign, and the site session
 * must never be what a host page holds). Created by whichever instance starts first.
 */
export async function loadOrCreateEmbedKey(db: Db): Promise<Uint8Array> {
  const keys = db.collection<SigningKeyDoc>('signing_keys');
  const existing = await keys.findOne({ _id: KEY_ID });
  if (existing) return Buffer.from(existing.secret, 'base64');
  const secret = randomBytes(32).toString('base64');
  try {
    await keys.insertOne({ _id: KEY_ID, secret, createdAt: new Date() });
    return Buffer.from(secret, 'base64');
  } catch (err) {
    // Another instance created it first: use theirs so both verify the same tokens.
    if (!isDuplicateKey(err)) throw err;
    const theirs = await keys.findOne({ _id: KEY_ID });
    if (!theirs) throw err;
    return Buffer.from(theirs.secret, 'base64');
  }
}
