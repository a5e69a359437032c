import path from 'node:path';
import type Router from '@koa/router';
import { expect } from 'chai';
import { endpoint, endpointKey, type Endpoint } from '../../backend/src/api-docs/endpoint.js';
import { endpoints } from '../../backend/src/api-docs/endpoints/index.js';
import type { AppContext } from '../../backend/src/app-context.js';
import { loadConfig } from '../../backend/src/config.js';
import { paramsName, route, routeTable } from '../../backend/src/http/route-table.js';
import { createLogger } from '../../backend/src/logger.js';
import { startServer, type RunningServer } from '../../backend/src/server.js';
import { runDir } from '../support/paths.js';

/** The only routes allowed outside the endpoint list: calls between cluster instances (peers only; 404 to anyone else). */
const NOT_PUBLIC = [/^\/internal\/cluster\//];

/** Every `METHOD path` a router answers (HEAD rides along with GET). */
function routesOf(router: Router): string[] {
  return router.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${String(layer.path)}`));
}

describe('route table: one descriptor per endpoint', () => {
  describe('the running server', () => {
    let server: RunningServer;
    let mounted: string[];

    before(async () => {
      const config = loadConfig({
        MONGODB_URL: process.env.QUEUETIX_TEST_MONGODB_URL,
        MONGODB_DB: `route_table_${process.pid}`,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: path.join(runDir, 'data'),
        NODE_ENV: 'test',
      });
      server = await startServer(config, createLogger('silent'));
      const routers = server.koa.middleware.flatMap((m) => ('router' in m ? [m.router as Router] : []));
      mounted = routers.flatMap(routesOf).filter((key) => !NOT_PUBLIC.some((allowed) => allowed.test(key.split(' ')[1]!)));
    });
    after(async () => server?.close());

    it('has a descriptor for every route it registers (internal cluster calls excepted)', () => {
      const described = new Set(endpoints.map(endpointKey));
      expect(
        mounted.filter((key) => !described.has(key)),
        'routes without a descriptor',
      ).to.deep.equal([]);
    });

    it('registers a route for every descriptor, once, plus the forwarding hop for those served by the event owner', () => {
      const count = (key: string) => mounted.filter((k) => k === key).length;
      for (const e of endpoints) {
        expect(count(endpointKey(e)), endpointKey(e)).to.equal(e.servedByEventOwner ? 2 : 1);
      }
    });

    it('forwards exactly the queue, checkout, availability, draw and proof-of-work challenge endpoints in a cluster', () => {
      expect(endpoints.filter((e) => e.servedByEventOwner).map(endpointKey)).to.have.members([
        'POST /api/events/:id/queue',
        'GET /api/events/:id/queue/me',
        'DELETE /api/events/:id/queue/me',
        'POST /api/events/:id/checkout',
        'GET /api/events/:id/availability',
        // The draw reads the actor; the challenge's `required` follows the join rate the owner sees.
        'GET /api/events/:id/draw',
        'GET /api/events/:id/queue/challenge',
        // Ticket types and codes: the actor keeps the codes and counts their uses (docs/domain.md, Codes).
        'PATCH /api/events/:id/queue/me',
        'GET /api/events/:id/codes',
        'POST /api/events/:id/codes',
        'PATCH /api/events/:id/codes/:codeId',
        'DELETE /api/events/:id/codes/:codeId',
        'POST /api/events/:id/codes/check',
      ]);
    });
  });

  describe('the registrar', () => {
    const app = {} as AppContext;
    const ping = endpoint({ method: 'get', path: '/api/ping', group: 'Test', summary: 'Ping', access: 'anyone', responses: [], errors: [] });
    const pong = endpoint({ method: 'post', path: '/api/pong', group: 'Test', summary: 'Pong', access: 'anyone', responses: [], errors: [] });
    const table: Endpoint[] = [ping, pong];

    it('refuses to start when a descriptor has no handler', () => {
      expect(() => routeTable(app, table, [route(ping, () => 'ok')])).to.throw('POST /api/pong is described but has no handler');
    });

    it('refuses to start when a handler names an endpoint that is not in the list', () => {
      const stray = endpoint({ ...ping, path: '/api/stray' });
      expect(() => routeTable(app, table, [route(ping, () => 1), route(pong, () => 2), route(stray, () => 3)])).to.throw(
        'GET /api/stray has a handler but is not in the endpoint list',
      );
    });

    it('refuses to start when one endpoint has two handlers', () => {
      expect(() => routeTable(app, table, [route(ping, () => 1), route(ping, () => 1), route(pong, () => 2)])).to.throw('GET /api/ping has two handlers');
    });

    it('refuses an owner-only endpoint whose path names no event', () => {
      const mine = endpoint({ ...ping, access: 'owner' });
      expect(() => routeTable(app, [mine], [route(mine, () => 1)])).to.throw('needs :id');
      // A check-in pass is bound to one event too: without :id there is nothing to check it against.
      const door = endpoint({ ...ping, access: 'owner-or-pass' });
      expect(() => routeTable(app, [door], [route(door, () => 1)])).to.throw('needs :id');
    });

    it('refuses a lean-path endpoint the lean path cannot admit (it serves anyone and signed-in only), and builds one for those', () => {
      const sellers = endpoint({ ...ping, access: 'seller', leanPath: true });
      expect(() => routeTable(app, [sellers], [route(sellers, () => 1)])).to.throw("the lean path serves only 'anyone' and 'signed-in' endpoints");
      const open = endpoint({ ...ping, leanPath: true });
      const built = routeTable(app, [open, pong], [route(open, () => 1), route(pong, () => 2)]);
      expect(built.lean.map((r) => r.endpoint)).to.deep.equal([open]);
    });

    it('names path parameters in 400s as the routes always did', () => {
      expect(
        ['/api/events/:id', '/api/events/:id/queue/me', '/api/seller/events/:id/sales', '/api/tickets/:id', '/api/demo-checkout/:sessionId/complete'].map(
          paramsName,
        ),
      ).to.deep.equal(['event id', 'event id', 'event id', 'ticket id', 'session id']);
    });
  });
});
