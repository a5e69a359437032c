/**
 * Buyers and sellers for fault runs. Buyer tokens are made in advance with the backend's own dev
 * key and issuer, exactly what POST /api/dev/sign-in would return (the server stores each user on
 * first sight); the seller signs in through the API like anyone.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DevTokenIssuer } from '../../backend/src/auth/dev-token-issuer.js';
import { call } from './http.js';

export interface Buyer {
  index: number;
  userId: string;
  token: string;
}

export async function devIssuer(dataDir: string, publicUrl: string): Promise<DevTokenIssuer> {
  const pem = await readFile(path.join(dataDir, 'dev-jwt-private-key.pem'), 'utf8');
  const origin = new URL(publicUrl).origin;
  return new DevTokenIssuer(pem, `queuetix-dev:${origin}`, origin);
}

export async function mintBuyers(dataDir: string, publicUrl: string, count: number, prefix: string): Promise<Buyer[]> {
  const issuer = await devIssuer(dataDir, publicUrl);
  const tag = Math.random().toString(36).slice(2, 8);
  const buyers: Buyer[] = [];
  for (let i = 0; i < count; i += 500) {
    const batch = Array.from({ length: Math.min(500, count - i) }, (_, k) => i + k);
    buyers.push(
      ...(await Promise.all(
        batch.map(async (index) => {
          const userId = `${prefix}_${tag}_${index}`;
          return { index, userId, token: await issuer.issue({ id: userId, name: `Buyer ${index}`, role: 'buyer' }) };
        }),
      )),
    );
  }
  return buyers;
}

export async function signInSeller(base: string, name = 'Chaos Organiser'): Promise<{ token: string; userId: string }> {
  const res = await call(base, 'POST', '/api/dev/sign-in', { body: { name, role: 'seller' } });
  if (res.status !== 200) throw new Error(`seller sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, userId: res.body.user.id };
}

export async function createEvent(base: string, sellerToken: string, fields: Record<string, unknown>): Promise<{ id: string }> {
  const res = await call(base, 'POST', '/api/events', {
    token: sellerToken,
    body: {
      name: 'Chaos On-Sale',
      description: 'A fault run',
      location: 'Loopback Arena',
      eventDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      price: 2500,
      currency: 'usd',
      ...fields,
    },
  });
  if (res.status !== 201) throw new Error(`create event failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
