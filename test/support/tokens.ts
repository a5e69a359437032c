/**
 * Dev sign-in tokens made in advance, as a load test does: signed with the backend's own dev key
 * (generated under DATA_DIR by the server) by the backend's own issuer, so they are exactly what
 * POST /api/dev/sign-in would return. Users are stored by the server on first sight.
 */
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
