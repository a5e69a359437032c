import type { BackendModule } from '../app-context.js';
import { route } from '../http/route-table.js';
import { docsApi } from './endpoints/docs.js';
import { openApiDocument } from './openapi.js';

/** Serves the OpenAPI document of the public API at GET /api/openapi.json. */
export const apiDocsModule: BackendModule = {
  name: 'api-docs',
  install() {
    const openApi = route(docsApi.openApi, (_input, ctx) => {
      ctx.set('Access-Control-Allow-Origin', '*');
      ctx.set('Cache-Control', 'public, max-age=300');
      return openApiDocument();
    });
    return { routes: [openApi] };
  },
};
