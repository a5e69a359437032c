import Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { requireIdentity } from '../auth/guards.js';
import { EmbedTokenRequest } from '../contracts/embed.js';
import { parse } from '../http/validate.js';
import { issueEmbedToken } from './embed-service.js';
import type { EmbedTokens } from './embed-tokens.js';

/** POST /api/embed/token: called by the sign-in popup with the site session, after the buyer's consent. */
export function embedRoutes(app: AppContext, tokens: EmbedTokens): Router {
  const router = new Router({ prefix: '/api' });
  router.post('/embed/token', async (ctx) => {
    const identity = await requireIdentity(ctx, app);
    const body = parse(EmbedTokenRequest, ctx.request.body, 'embed token request');
    ctx.body = await issueEmbedToken(app, tokens, identity.userId, body);
  });
  return router;
}
