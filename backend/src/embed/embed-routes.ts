import { embedApi } from '../api-docs/endpoints/embed.js';
import type { AppContext } from '../app-context.js';
import { route, type Route } from '../http/route-table.js';
import { issueEmbedToken } from './embed-service.js';
import type { EmbedTokens } from './embed-tokens.js';

/** POST /api/embed/token: called by the sign-in popup with the site session, after the buyer's consent. */
export function embedRoutes(app: AppContext, tokens: EmbedTokens): Route[] {
  return [route(embedApi.token, ({ identity, body }) => issueEmbedToken(app, tokens, identity.userId, body))];
}
