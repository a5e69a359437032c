import { hash } from 'node:crypto';
import { verifyToken } from '@clerk/backend';
import { LRUCache } from 'lru-cache';
import { Unauthenticated } from '../errors.js';
import { PreparedKey } from './prepared-key.js';

export interface VerifiedIdentity {
  userId: string;
  name?: string;
  role?: string;
  /** The `email` claim (a Clerk session-token template adds it; dev tokens carry it). */
  email?: string;
  /** Seconds since epoch. */
  exp: number;
}

export interface TokenVerifierOptions {
  jwtKey: string;
  /** Origins accepted as the token's `azp`; never empty, so a token minted for another site is refused. */
  authorizedParties: string[];
  /** The one accepted `iss`: a token of another Clerk application (or a dev token) is refused. */
  issuer: string;
  cacheSize?: number;
}

/**
 * The one verification path for every HTTP request and socket handshake: `@clerk/backend`
 * `verifyToken` (networkless, with the PEM key). A bounded cache of verified tokens sits in front
 * because verifyToken re-imports the key on every call (~280 µs; docs/benchmarks.md has its rate); entries are
 * keyed by a hash of the token, live until the token's exp, and failures are never cached. A token
 * never seen is first tried against the key imported once (PreparedKey: verifyToken's checks, one
 * RS256 verify); whatever that is not sure to accept goes to verifyToken, which gives the refusal.
 */
export class TokenVerifier {
  private readonly cache: LRUCache<string, VerifiedIdentity>;
  private readonly inFlight = new Map<string, Promise<VerifiedIdentity>>();
  private readonly prepared: PreparedKey;

  constructor(private readonly options: TokenVerifierOptions) {
    // verifyToken skips the azp and iss checks when given none: that must never happen by accident.
    if (!options.issuer || options.authorizedParties.length === 0) throw new Error('TokenVerifier needs an issuer and authorized parties');
    this.cache = new LRUCache({ max: options.cacheSize ?? 200_000 });
    this.prepared = new PreparedKey(options.jwtKey, options.authorizedParties, options.issuer);
  }

  async verify(token: string): Promise<VerifiedIdentity> {
    if (token.length > 8192) throw new Unauthenticated('Token too long');
    const key = hash('sha256', token, 'base64url');
    const cached = this.cache.get(key);
    if (cached) {
      if (cached.exp * 1000 > Date.now()) return cached;
      this.cache.delete(key);
    }
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.verifyUncached(token).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    const identity = await pending;
    this.cache.set(key, identity, { ttl: Math.max(1, identity.exp * 1000 - Date.now()) });
    return identity;
  }

  private async verifyUncached(token: string): Promise<VerifiedIdentity> {
    let claims: Record<string, unknown> | undefined = this.prepared.claims(token);
    try {
      claims ??= await verifyToken(token, {
        jwtKey: this.options.jwtKey,
        authorizedParties: this.options.authorizedParties,
        issuer: this.options.issuer,
      });
    } catch (err) {
      const reason = (err as { reason?: string }).reason;
      throw new Unauthenticated(reason === 'token-expired' ? 'Your session expired; sign in again' : 'Invalid session token; sign in again');
    }
    const userId = claims.sub;
    if (typeof userId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw new Unauthenticated('Token has no valid subject');
    return {
      userId,
      name: typeof claims.name === 'string' ? claims.name : undefined,
      role: typeof claims.role === 'string' ? claims.role : undefined,
      email: typeof claims.email === 'string' && claims.email.length <= 254 && claims.email.includes('@') ? claims.email : undefined,
      exp: typeof claims.exp === 'number' ? claims.exp : Math.floor(Date.now() / 1000) + 60,
    };
  }
}
