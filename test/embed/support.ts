/** Helpers for embed-token tests: sign-in, the popup's token request, and forging with the backend's own key. */
import { MongoClient } from 'mongodb';
import { SignJWT } from 'jose';
import type { Api } from '../support/api.js';
import type { Backend } from '../support/backend.js';

export const SHOP = 'https://shop.example.com';

/** What the sign-in popup does with the site session: ask for a token for `origin` and one event. */
export async function embedToken(site: Api, eventId: string, origin = SHOP): Promise<string> {
  const res = await site.post('/api/embed/token', { eventId, origin });
  if (res.status !== 200) throw new Error(`embed token refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** The claims of a JWT (no verification: the test reads what the server put in). */
export function claimsOf(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

/** The embed signing secret the backend keeps in its database. */
export async function embedSecret(backend: Backend): Promise<Uint8Array> {
  const client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!);
  try {
    const doc = await client.db(backend.dbName).collection<{ _id: string; secret: string }>('signing_keys').findOne({ _id: 'embed-hs256' });
    if (!doc) throw new Error('no embed key stored yet');
    return Buffer.from(doc.secret, 'base64');
  } finally {
    await client.close();
  }
}

/** A token signed with `secret` carrying the given claims (as an attacker or a clock would make it). */
export function forge(secret: Uint8Array, claims: Record<string, unknown>, kid = 'queuetix-embed'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid }).sign(secret);
}
