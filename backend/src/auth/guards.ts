import type { Context } from 'koa';
import type { AppContext } from '../app-context.js';
import { bearerTokenOf } from './bearer.js';
import { checkedEmbedIdentity } from '../embed/embed-scope.js';
import { EmbedTokens, type EmbedScope } from '../embed/embed-tokens.js';
import { Forbidden, Unauthenticated } from '../errors.js';
import type { VerifiedIdentity } from './token-verifier.js';
import type { UserDoc } from './user-repository.js';

/** A verified caller; `embed` is set for a host page's embed token (one event, buyer routes only). */
export type Identity = VerifiedIdentity & { embed?: EmbedScope };

/** The caller's verified identity, or undefined for an anonymous request. A bad token is still a 401. */
export function optionalIdentity(ctx: Context, app: AppContext): Promise<Identity | undefined> {
  return identityOf(ctx.get('authorization'), app, checkedEmbedIdentity(ctx));
}

/**
 * The identity an Authorization header proves (`checkedEmbed`: what the embed guard verified for
 * this request). Shared by the Koa routes and the lean path (http/lean-path.ts).
 */
export async function identityOf(authorization: string, app: AppContext, checkedEmbed?: Identity): Promise<Identity | undefined> {
  const token = bearerTokenOf(authorization);
  if (!token) {
    if (authorization) throw new Unauthenticated('Authorization header must be "Bearer <token>"');
    return undefined;
  }
  // Embed tokens were checked against their route by the one guard (embed/embed-scope.ts) in front
  // of every router; one that somehow skipped it is refused rather than trusted.
  const identity: Identity = EmbedTokens.looksLikeEmbedToken(token) ? (checkedEmbed ?? forbidUnchecked()) : await app.tokens.verify(token);
  await app.users.ensure(identity.userId, identity.name, identity.role === 'seller' ? 'seller' : 'buyer', identity.email);
  return identity;
}

function forbidUnchecked(): never {
  throw new Forbidden('An embed token cannot be used here');
}

export async function requireIdentity(ctx: Context, app: AppContext): Promise<Identity> {
  const identity = await optionalIdentity(ctx, app);
  if (!identity) throw new Unauthenticated();
  return identity;
}

/** Selling needs a signed-in user who has started seller onboarding (role seller). */
export async function requireSeller(ctx: Context, app: AppContext): Promise<UserDoc> {
  const identity = await requireIdentity(ctx, app);
  const user = await app.users.get(identity.userId);
  if (!user || user.role !== 'seller') throw new Forbidden('Only sellers can do this: start seller onboarding first');
  return user;
}
