import { randomUUID, createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Role } from '@queuetix/contracts/auth';

export const DEV_TOKEN_TTL_SEC = 7 * 24 * 3600;

/**
 * The origin dev tokens name (issuer and azp): the configured PUBLIC_URL, else the one PUBLIC_URL
 * defaulted to before it followed the listening port. Kept so that tokens already issued stay valid,
 * and so that local instances on different ports, which share DATA_DIR's key, share sign-in too.
 */
export function devTokenOrigin(configuredPublicUrl: string | undefined): string {
  return new URL(configuredPublicUrl ?? 'http://localhost:3000').origin;
}

/**
 * Issues tokens with the claims of a Clerk session token (sub, sid, azp, iss, iat, nbf, exp),
 * plus `name` and `role` as a Clerk session-token template would add them. They are verified by the
 * very same `verifyToken` call as real Clerk tokens.
 */
export class DevTokenIssuer {
  private readonly key: KeyObject;

  constructor(
    privateKeyPem: string,
    private readonly issuer: string,
    private readonly authorizedParty: string,
  ) {
    this.key = createPrivateKey(privateKeyPem);
  }

  async issue(user: { id: string; name: string; role: Role; email?: string }, ttlSec = DEV_TOKEN_TTL_SEC): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      sid: `sess_${randomUUID()}`,
      azp: this.authorizedParty,
      name: user.name,
      role: user.role,
      ...(user.email ? { email: user.email } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'queuetix-dev' })
      .setSubject(user.id)
      .setIssuer(this.issuer)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + ttlSec)
      .sign(this.key);
  }
}
