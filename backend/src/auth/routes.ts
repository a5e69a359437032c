import Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { DevSignInRequest, UpdateEmailRequest } from '../contracts/auth.js';
import { NotFound, Unauthenticated } from '../errors.js';
import { parse } from '../http/validate.js';
import { requireIdentity } from './guards.js';
import { toUser } from './user-repository.js';
import { randomUUID } from 'node:crypto';

export function authRoutes(app: AppContext): Router {
  const router = new Router({ prefix: '/api' });

  router.post('/dev/sign-in', async (ctx) => {
    if (!app.devTokens) throw new NotFound('Dev sign-in (Clerk is configured)');
    const body = parse(DevSignInRequest, ctx.request.body, 'sign-in');
    const id = body.userId ?? `user_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const doc = await app.users.upsertDevUser(id, body.name, body.role, body.email);
    const token = await app.devTokens.issue({ id, name: doc.name, role: doc.role, ...(doc.email ? { email: doc.email } : {}) });
    ctx.body = { token, user: toUser(doc) };
  });

  router.get('/me', async (ctx) => {
    const identity = await requireIdentity(ctx, app);
    const user = await app.users.get(identity.userId);
    if (!user) throw new Unauthenticated('Unknown user; sign in again');
    if (!user.email && identity.email) {
      await app.users.adoptEmail(user._id, identity.email);
      user.email = identity.email;
    }
    ctx.body = { user: toUser(user) };
  });

  // Where my tickets go: the identity provider's address unless the user chose another.
  router.put('/me/email', async (ctx) => {
    const identity = await requireIdentity(ctx, app);
    const { email } = parse(UpdateEmailRequest, ctx.request.body, 'email');
    const user = await app.users.get(identity.userId);
    if (!user) throw new Unauthenticated('Unknown user; sign in again');
    await app.users.setEmail(user._id, email);
    ctx.body = { user: toUser({ ...user, email }) };
  });

  router.get('/config', (ctx) => {
    ctx.body = {
      authMode: app.config.authMode,
      ...(app.config.CLERK_PUBLISHABLE_KEY ? { clerkPublishableKey: app.config.CLERK_PUBLISHABLE_KEY } : {}),
      paymentMode: app.config.paymentMode,
    };
  });

  router.get('/health', async (ctx) => {
    const up = await app.db.ping();
    ctx.status = up ? 200 : 503;
    ctx.body = up ? { ok: true, db: 'up' } : { ok: false, db: 'down', error: { code: 'unavailable', message: 'Database unreachable' } };
  });

  return router;
}
