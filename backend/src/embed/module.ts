import type { BackendModule } from '../app-context.js';
import { loadOrCreateEmbedKey } from './embed-key.js';
import { embedRoutes } from './embed-routes.js';
import { EmbedTokens } from './embed-tokens.js';

/**
 * Embedding: the scoped tokens the widget's sign-in popup hands to host pages (issue 12, part 3).
 * Sets `app.embedTokens`, which the HTTP guard (embed-scope.ts) and the socket handshake verify with.
 */
export const embedModule: BackendModule = {
  name: 'embed',
  install(app) {
    const tokens = new EmbedTokens(() => loadOrCreateEmbedKey(app.db.db), app.config.PUBLIC_URL);
    app.embedTokens = tokens;
    return { routes: embedRoutes(app, tokens) };
  },
};
