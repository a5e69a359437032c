import Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { DevSignInRequest } from '../contracts/auth.js';
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
    const doc = await app.users.upsertDevUser(id, body.name, body.role);
    const token = await app.devTokens.issue({ id, name: doc.name, role: doc.role });
    ctx.body = { token, user: toUser(doc) };
  });

  router.get('/me', async (ctx) => {
    const identity = await requireIdentity(ctx, app);
    const user = await app.users.get(identity.userId);
    if (!user) throw new Unauthenticated('Unknown user; sign in again');
    ctx.body = { user: toUser(user) };
  });

  router.get('/config', (ctx) => {
    ctx.body = {
      authMode: app.config.authMode,
      ...(app.config.CLERK_PUBLISHABLE_KEY ? { clerkPublishableKey: app.config.CLERK_PUBLISHABLE_KEY } : {}),
      paymentMode: app.config.paymentMode,
      demo: app.config.demo,
    };
  });

  router.get('/health', async (ctx) => {
    const up = await app.db.ping();
    ctx.status = up ? 200 : 503;
    ctx.body = up ? { ok: true, db: 'up' } : { ok: false, db: 'down', error: { code: 'unavailable', message: 'Database unreachable' } };
  });

  return router;
}
