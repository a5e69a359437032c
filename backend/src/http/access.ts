import type { Context } from 'koa';
import type { Access } from '../api-docs/endpoint.js';
import type { AppContext } from '../app-context.js';
import { identityOf, requireIdentity, requireSeller } from '../auth/guards.js';
import type { VerifiedIdentity } from '../auth/token-verifier.js';
import type { UserDoc } from '../auth/user-repository.js';
import { doorStaff, type DoorStaff } from '../door/pass-scope.js';
import { Forbidden, Unauthenticated } from '../errors.js';
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
  /** The event named by `:id`, and either its owner or door staff holding a check-in pass of it. */
  'owner-or-pass': { event: EventDoc } & ({ user: UserDoc; doorStaff?: undefined } | { user?: undefined; doorStaff: DoorStaff });
}

/**
 * Enforces an endpoint's access level before its query or body is read: 401 without a valid
 * token, 403 for a caller who is not a seller, and for `owner` 404 when the event does not exist
 * and 403 when it is someone else's. `owner-or-pass` also admits a check-in pass of that event
 * (verified, and confined to its routes, by door/pass-scope.ts in front of every route).
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
    case 'owner-or-pass': {
      if (eventId === undefined) throw new Error(`${ctx.method} ${ctx.path}: an owner-or-pass endpoint needs an event id in its path`);
      const staff = doorStaff(ctx);
      if (!staff) return admit('owner', ctx, app, eventId);
      if (staff.eventId !== eventId) throw new Forbidden('This check-in pass is for another event');
      return { doorStaff: staff, event: await app.events.get(eventId) };
    }
  }
}

/** The access levels the lean path can check from the Authorization header alone (no embed or pass guard ran). */
export type LeanAccess = 'anyone' | 'signed-in';

export const leanAccess = (access: Access): access is LeanAccess => access === 'anyone' || access === 'signed-in';

/** `admit` for the lean path, which only takes requests carrying no embed token or check-in pass (lean-path.ts). */
export async function admitByHeader(access: Access, authorization: string, app: AppContext): Promise<object> {
  if (access === 'anyone') return {};
  if (access !== 'signed-in') throw new Error(`the lean path cannot admit '${access}' callers`);
  const identity = await identityOf(authorization, app);
  if (!identity) throw new Unauthenticated();
  return { identity };
}
