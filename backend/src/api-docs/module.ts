import Router from '@koa/router';
import type { BackendModule } from '../app-context.js';
import { openApiDocument } from './openapi.js';

/** Serves the OpenAPI document of the public API at GET /api/openapi.json. */
export const apiDocsModule: BackendModule = {
  name: 'api-docs',
  install() {
    const router = new Router({ prefix: '/api' });
    router.get('/openapi.json', (ctx) => {
      ctx.set('Access-Control-Allow-Origin', '*');
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.body = openApiDocument();
    });
    return { routers: [router] };
  },
};
