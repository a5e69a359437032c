/**
 * Dev sign-in tokens made in advance, as a load test does: signed with the backend's own dev key
 * (generated under DATA_DIR by the server) by the backend's own issuer, so they are exactly what
 * POST /api/dev/sign-in would return. Users are stored by the server on first sight.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DevTokenIssuer } from '../../backend/src/auth/dev-token-issuer.js';
import type { Backend } from './backend.js';

export async function mintBuyerTokens(backend: Backend, count: number, prefix = 'b'): Promise<Array<{ userId: string; token: string }>> {
  const pem = await readFile(path.join(backend.dataDir, 'dev-jwt-private-key.pem'), 'utf8');
  const origin = new URL(backend.env.PUBLIC_URL ?? 'http://localhost:3000').origin;
  const issuer = new DevTokenIssuer(pem, `queuetix-dev:${origin}`, origin);
  const tag = Math.random().toString(36).slice(2, 8);
  const out: Array<{ userId: string; token: string }> = [];
  for (let i = 0; i < count; i++) {
    const userId = `${prefix}_${tag}_${i}`;
    out.push({ userId, token: await issuer.issue({ id: userId, name: `Buyer ${i}`, role: 'buyer' }) });
  }
  return out;
}

/**
 * A Clerk application stood in for by a local RSA key: the environment that puts a backend in Clerk
 * mode for it, and session tokens shaped like Clerk's (sub, sid, azp, iss, exp), signed by it.
 */
export interface LocalClerkApp {
  issuer: string;
  authorizedParty: string;
  env: Record<string, string>;
  /** A session token of this app; `azp` and `issuer` override what it would normally carry. */
  token(userId: string, overrides?: { azp?: string; issuer?: string }): Promise<string>;
}

export function localClerkApp(issuer = 'https://clerk.queuetix.test', authorizedParty = 'https://tickets.queuetix.test'): LocalClerkApp {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    issuer,
    authorizedParty,
    env: {
      CLERK_SECRET_KEY: 'sk_test_local_clerk_stand_in',
      CLERK_PUBLISHABLE_KEY: 'pk_test_bG9jYWwuY2xlcmsucXVldWV0aXgudGVzdCQ',
      CLERK_JWT_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      CLERK_ISSUER: issuer,
      CLERK_AUTHORIZED_PARTIES: authorizedParty,
    },
    token: (userId, overrides = {}) =>
      new DevTokenIssuer(privatePem, overrides.issuer ?? issuer, overrides.azp ?? authorizedParty).issue({
        id: userId,
        name: `Clerk ${userId}`,
        role: 'buyer',
      }),
  };
}
