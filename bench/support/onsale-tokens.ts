/**
 * Buyer tokens for the on-sale bench, made in advance with the backend's own dev key and cached on
 * disk: minting 100,000 RS256 tokens takes over a minute, so the key and the tokens live in a
 * fixed cache directory that the bench's backend uses as its DATA_DIR, and are reused until they
 * are close to expiry.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { DevTokenIssuer, DEV_TOKEN_TTL_SEC } from '../../backend/src/auth/dev-token-issuer.js';

export const ONSALE_ORIGIN = 'http://localhost:3000';
export const buyerId = (index: number) => `onsale_${index}`;

interface TokenCache {
  mintedAt: number;
  tokens: string[];
}

/** The cache directory: DATA_DIR of the bench backend (holds the dev key) and the token files. */
export function tokenCacheDir(): string {
  const dir = process.env.ONSALE_CACHE_DIR ?? path.join(os.tmpdir(), 'queuetix-bench-onsale-cache');
  mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, 'dev-jwt-private-key.pem');
  if (!existsSync(keyFile)) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(keyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  }
  return dir;
}

/** Path of a JSON file holding `count` tokens for buyers onsale_0..count-1 (minted now if needed). */
export async function buyerTokensFile(dir: string, count: number, log: (line: string) => void): Promise<string> {
  const file = path.join(dir, `tokens-${count}.json`);
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as TokenCache;
    const ageSec = (Date.now() - cached.mintedAt) / 1000;
    if (cached.tokens.length === count && ageSec < DEV_TOKEN_TTL_SEC - 86_400) return file;
  }
  const pem = readFileSync(path.join(dir, 'dev-jwt-private-key.pem'), 'utf8');
  const issuer = new DevTokenIssuer(pem, `queuetix-dev:${ONSALE_ORIGIN}`, ONSALE_ORIGIN);
  const started = Date.now();
  const tokens: string[] = new Array(count);
  for (let i = 0; i < count; i += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, count - i) }, (_, k) => i + k);
    await Promise.all(batch.map(async (k) => (tokens[k] = await issuer.issue({ id: buyerId(k), name: `Buyer ${k}`, role: 'buyer' }))));
    if (i % 20_000 === 0) log(`[onsale] minting tokens ${i.toLocaleString('en-US')}/${count.toLocaleString('en-US')}…`);
  }
  writeFileSync(file, JSON.stringify({ mintedAt: started, tokens } satisfies TokenCache));
  log(`[onsale] minted ${count.toLocaleString('en-US')} tokens in ${((Date.now() - started) / 1000).toFixed(0)} s (cached in ${file})`);
  return file;
}

export function readTokens(file: string): string[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as TokenCache).tokens;
}
