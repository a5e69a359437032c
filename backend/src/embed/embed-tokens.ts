import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { EMBED_AUDIENCE, EMBED_TOKEN_TTL_SEC } from '@queuetix/contracts/embed';
import { Unauthenticated } from '../errors.js';

/** What an embed token allows: one buyer, one event, from one site. */
export interface EmbedScope {
  eventId: string;
  origin: string;
}

export interface EmbedIdentity {
  userId: string;
  name?: string;
  role: 'buyer';
  exp: number;
  embed: EmbedScope;
}

const KID = 'queuetix-embed';
/** looksLikeEmbedToken's verdicts by header segment. */
const headerVerdicts = new Map<string, boolean>();
const ALG = 'HS256';

/**
 * Embed tokens: what the sign-in popup hands a host page instead of the site session. Own key,
 * own audience (`queuetix-embed`), 15 minutes, bound to one event and the site that asked
 * (claims `evt`, `org`). Which routes they reach is decided in one place: embed-scope.ts.
 */
export class EmbedTokens {
  private readonly issuer: string;
  private secret?: Promise<Uint8Array>;

  /** `loadKey` runs on first use (the database may be down at start), again after a failure. */
  constructor(
    private readonly loadKey: () => Promise<Uint8Array>,
    publicUrl: string,
    private readonly now: () => number = Date.now,
  ) {
    this.issuer = `queuetix-embed:${new URL(publicUrl).origin}`;
  }

  private key(): Promise<Uint8Array> {
    this.secret ??= this.loadKey().catch((err: unknown) => {
      this.secret = undefined;
      throw err;
    });
    return this.secret;
  }

  /**
   * True when the token says it is ours (header kid); verification still decides whether it is.
   * Asked twice per API request, so the verdict is kept per header segment: every token of one
   * issuer shares it (a handful of distinct headers, the map is cleared if it ever grows).
   */
  static looksLikeEmbedToken(token: string): boolean {
    let dots = 0;
    for (let at = token.indexOf('.'); at >= 0; at = token.indexOf('.', at + 1)) dots++;
    // decodeProtectedHeader reads only compact JWS (3 parts) and JWE (5 parts).
    if (dots !== 2 && dots !== 4) return false;
    const header = token.slice(0, token.indexOf('.'));
    let verdict = headerVerdicts.get(header);
    if (verdict === undefined) {
      try {
        verdict = decodeProtectedHeader(token).kid === KID;
      } catch {
        verdict = false;
      }
      if (headerVerdicts.size >= 256) headerVerdicts.clear();
      headerVerdicts.set(header, verdict);
    }
    return verdict;
  }

  async issue(user: { id: string; name: string }, scope: EmbedScope): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + EMBED_TOKEN_TTL_SEC;
    const token = await new SignJWT({ name: user.name, evt: scope.eventId, org: scope.origin })
      .setProtectedHeader({ alg: ALG, typ: 'JWT', kid: KID })
      .setJti(randomUUID())
      .setSubject(user.id)
      .setIssuer(this.issuer)
      .setAudience(EMBED_AUDIENCE)
      .setIssuedAt(iat)
      .setNotBefore(iat - 5)
      .setExpirationTime(exp)
      .sign(await this.key());
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verify(token: string): Promise<EmbedIdentity> {
    if (token.length > 8192) throw new Unauthenticated('Token too long');
    const secret = await this.key();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, secret, {
        algorithms: [ALG],
        audience: EMBED_AUDIENCE,
        issuer: this.issuer,
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'exp', 'evt', 'org'],
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new Unauthenticated('Your access from this site expired; sign in again through the widget');
      throw new Unauthenticated('Invalid embed token; sign in again through the widget');
    }
    const { sub, evt, org, exp, name } = payload;
    if (typeof sub !== 'string' || typeof evt !== 'string' || typeof org !== 'string' || typeof exp !== 'number') {
      throw new Unauthenticated('Invalid embed token; sign in again through the widget');
    }
    return { userId: sub, name: typeof name === 'string' ? name : undefined, role: 'buyer', exp, embed: { eventId: evt, origin: org } };
  }
}
