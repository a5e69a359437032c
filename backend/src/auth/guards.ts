import type { Context } from 'koa';
import type { AppContext } from '../app-context.js';
import { Forbidden, Unauthenticated } from '../errors.js';
import type { VerifiedIdentity } from './token-verifier.js';
import type { UserDoc } from './user-repository.js';

export function bearerToken(ctx: Context): string | undefined {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** The caller's verified identity, or undefined for an anonymous request. A bad token is still a 401. */
export async function optionalIdentity(ctx: Context, app: AppContext): Promise<VerifiedIdentity | undefined> {
  const token = bearerToken(ctx);
  if (!token) {
    if (ctx.get('authorization')) throw new Unauthenticated('Authorization header must be "Bearer <token>"');
    return undefined;
  }
  const identity = await app.tokens.verify(token);
  await app.users.ensure(identity.userId, identity.name, identity.role === 'seller' ? 'seller' : 'buyer', identity.email);
  return identity;
}

export async function requireIdentity(ctx: Context, app: AppContext): Promise<VerifiedIdentity> {
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
