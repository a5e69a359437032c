import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * `@clerk/backend`'s networkless session-token check with its key imported once.
 *
 * `verifyToken(token, { jwtKey })` turns the PEM into a JWK and imports it through WebCrypto on
 * every call, which costs several times the RS256 check itself. This answers only the question
 * "would verifyToken accept this token?" when the answer is clearly yes: it imports the very JWK
 * verifyToken builds (same string surgery as its loadClerkJwkFromPem), once, into a KeyObject, and
 * applies verifyToken's header and claim checks (verifyJwt in @clerk/backend 3.x: typ, alg, cat,
 * signature, sub, azp, iss, exp/nbf/iat with its 5 s clock skew). Anything it is not sure of —
 * any failed check, odd encodings, non-integer times, another algorithm — returns undefined, and
 * the caller asks verifyToken itself, so every refusal carries verifyToken's own reason.
 * test/auth/prepared-key.test.ts compares the two on valid and broken tokens.
 */
export class PreparedKey {
  private readonly key: KeyObject | undefined;

  constructor(
    jwtKey: string,
    private readonly authorizedParties: readonly string[],
    private readonly issuer: string,
  ) {
    this.key = importLikeClerk(jwtKey);
  }

  /** The token's claims when verifyToken would surely accept it with these options; undefined = ask verifyToken. */
  claims(token: string, now = Date.now()): Record<string, unknown> | undefined {
    if (!this.key) return undefined;
    const dot1 = token.indexOf('.');
    const dot2 = token.indexOf('.', dot1 + 1);
    if (dot1 < 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0 || !BASE64URL.test(token)) return undefined;
    const header = decodeJson(token.slice(0, dot1));
    const payload = decodeJson(token.slice(dot1 + 1, dot2));
    if (!header || !payload) return undefined;
    // verifyToken: no machine-token category, typ absent or "JWT"; only RS256 can match the RS256 JWK it builds.
    if (header.cat !== undefined || (header.typ !== undefined && header.typ !== 'JWT') || header.alg !== 'RS256') return undefined;
    const signature = Buffer.from(token.slice(dot2 + 1), 'base64url');
    if (!verify('RSA-SHA256', Buffer.from(token.slice(0, dot2)), this.key, signature)) return undefined;
    const { sub, azp, iss, exp, nbf, iat, aud } = payload;
    if (typeof sub !== 'string' || aud !== undefined) return undefined;
    if (typeof azp !== 'string' || !azp || !this.authorizedParties.includes(azp)) return undefined;
    if (iss !== this.issuer) return undefined;
    if (!isTime(exp) || exp * 1000 <= now - CLOCK_SKEW_MS) return undefined;
    if (nbf !== undefined && (!isTime(nbf) || nbf * 1000 > now + CLOCK_SKEW_MS)) return undefined;
    if (iat !== undefined && (!isTime(iat) || iat * 1000 > now + CLOCK_SKEW_MS)) return undefined;
    return payload;
  }
}

/** verifyJwt's default clock skew. */
const CLOCK_SKEW_MS = 5_000;
/** Three base64url segments and their dots only (verifyToken's decoder is looser: such tokens go to it). */
const BASE64URL = /^[A-Za-z0-9_.-]+$/;

/** Whole seconds in a range where Date arithmetic is exact (verifyToken truncates fractions; those go to it). */
const isTime = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) < 8.64e12;

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The JWK @clerk/backend's loadClerkJwkFromPem makes of a PEM (an RSA-2048 SPKI with e = 65537), as a KeyObject. */
function importLikeClerk(pem: string): KeyObject | undefined {
  const n = pem
    .replace(/\r\n|\n|\r/g, '')
    .replace('-----BEGIN PUBLIC KEY-----', '')
    .replace('-----END PUBLIC KEY-----', '')
    .replace('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA', '')
    .replace('IDAQAB', '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  try {
    return createPublicKey({ key: { kty: 'RSA', n, e: 'AQAB' }, format: 'jwk' });
  } catch {
    // A key verifyToken could not use either: every token goes to verifyToken, which refuses it.
    return undefined;
  }
}
