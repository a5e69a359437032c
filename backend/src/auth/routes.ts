import { randomUUID } from 'node:crypto';
import { identityApi } from '../api-docs/endpoints/identity.js';
import type { AppContext } from '../app-context.js';
import { NotFound, Unauthenticated } from '../errors.js';
import { route, type Route } from '../http/route-table.js';
import { toUser } from './user-repository.js';

export function authRoutes(app: AppContext): Route[] {
  const devTokens = () => {
    if (!app.devTokens) throw new NotFound('Dev sign-in (Clerk is configured)');
    return app.devTokens;
  };
  return [
    route(
      identityApi.devSignIn,
      async ({ body }) => {
        const id = body.userId ?? `user_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
        const doc = await app.users.upsertDevUser(id, body.name, body.role, body.email);
        const token = await devTokens().issue({ id, name: doc.name, role: doc.role, ...(doc.email ? { email: doc.email } : {}) });
        return { token, user: toUser(doc) };
      },
      { available: devTokens },
    ),

    route(identityApi.me, async ({ identity }) => {
      const user = await app.users.get(identity.userId);
      if (!user) throw new Unauthenticated('Unknown user; sign in again');
      if (!user.email && identity.email) {
        await app.users.adoptEmail(user._id, identity.email);
        user.email = identity.email;
      }
      return { user: toUser(user) };
    }),

    // Where my tickets go: the identity provider's address unless the user chose another.
    route(identityApi.setEmail, async ({ identity, body }) => {
      const user = await app.users.get(identity.userId);
      if (!user) throw new Unauthenticated('Unknown user; sign in again');
      await app.users.setEmail(user._id, body.email);
      return { user: toUser({ ...user, email: body.email }) };
    }),

    route(identityApi.config, () => ({
      authMode: app.config.authMode,
      ...(app.config.CLERK_PUBLISHABLE_KEY ? { clerkPublishableKey: app.config.CLERK_PUBLISHABLE_KEY } : {}),
      paymentMode: app.config.paymentMode,
      demo: app.config.demo,
    })),

    route(identityApi.health, async (_input, ctx) => {
      const up = await app.db.ping();
      ctx.status = up ? 200 : 503;
      return up ? { ok: true, db: 'up' } : { ok: false, db: 'down', error: { code: 'unavailable', message: 'Database unreachable' } };
    }),
  ];
}
