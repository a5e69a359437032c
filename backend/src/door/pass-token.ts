import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Check-in pass tokens look like `qcp_<passId>_<secret>`: the id finds the pass, the secret proves it. */
const PREFIX = 'qcp_';
const PATTERN = /^qcp_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

export const isPassToken = (token: string) => token.startsWith(PREFIX);

export function newPassToken(): { passId: string; token: string; secretHash: string } {
  const passId = randomBytes(12).toString('base64url').replace(/[-_]/g, '0').slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  return { passId, token: `${PREFIX}${passId}_${secret}`, secretHash: hashSecret(secret) };
}

export function parsePassToken(token: string): { passId: string; secret: string } | undefined {
  const match = PATTERN.exec(token);
  return match ? { passId: match[1]!, secret: match[2]! } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
