import type { Context } from 'koa';
import type { Access } from '../api-docs/endpoint.js';
import type { AppContext } from '../app-context.js';
import { requireIdentity, requireSeller } from '../auth/guards.js';
import type { VerifiedIdentity } from '../auth/token-verifier.js';
import type { UserDoc } from '../auth/user-repository.js';
import type { EventDoc } from '../events/event-doc.js';

/** Who a handler is called for, by its endpoint's access level. */
export interface Callers {
  anyone: object;
  /** Stripe proves itself with a signature over the body, which the handler checks. */
  stripe: object;
  'signed-in': { identity: VerifiedIdentity };
  seller: { user: UserDoc };
  /** The event named by `:id`, already known to be the caller's. */
  owner: { user: UserDoc; event: EventDoc };
}

/**
 * Enforces an endpoint's access level before its query or body is read: 401 without a valid
 * token, 403 for a caller who is not a seller, and for `owner` 404 when the event does not exist
 * and 403 when it is someone else's.
 */
export async function admit<A extends Access>(access: A, ctx: Context, app: AppContext, eventId: string | undefined): Promise<Callers[A]>;
export async function admit(access: Access, ctx: Context, app: AppContext, eventId: string | undefined): Promise<Callers[Access]> {
  switch (access) {
    case 'anyone':
    case 'stripe':
      return {};
    case 'signed-in':
      return { identity: await requireIdentity(ctx, app) };
    case 'seller':
      return { user: await requireSeller(ctx, app) };
    case 'owner': {
      if (eventId === undefined) throw new Error(`${ctx.method} ${ctx.path}: an owner-only endpoint needs an event id in its path`);
      const user = await requireSeller(ctx, app);
      return { user, event: await app.events.getOwned(eventId, user._id) };
    }
  }
}
