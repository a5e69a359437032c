import type { RequestListener } from 'node:http';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { passScope } from '../door/pass-scope.js';
import { embedScope } from '../embed/embed-scope.js';
import { sitePolicy } from './content-security-policy.js';
import { apiCors, apiCorsOrigin } from './cors.js';
import type { HttpDrain } from './drain.js';
import { errorMiddleware } from './error-middleware.js';
import { JSON_LIMIT_BYTES, LeanPath, localPlacement } from './lean-path.js';
import type { LeanRoute } from './route-table.js';
import { securityHeaders, securityHeadersMiddleware } from './security-headers.js';
import { staticFiles } from './static-files.js';

/**
 * Builds the Koa app (security headers, one error mapper, JSON bodies, the API routers, static
 * files) and the request listener: the lean path first for the hot commands it can take, Koa for the rest.
 */
export function createHttpApp(app: AppContext, routers: Router[], leanRoutes: readonly LeanRoute[], drain: HttpDrain): { koa: Koa; listener: RequestListener } {
  // ctx.ip is the X-Forwarded-For entry proxyHops from the right (Koa keeps only the last
  // maxIpsCount): what our own proxies appended. Entries left of it are the client's to invent,
  // and trusting them would give a buyer a fresh per-IP join budget with every request.
  const hops = app.config.proxyHops;
  const koa = new Koa({ proxy: hops > 0, maxIpsCount: hops });
  koa.silent = true; // errors are logged by errorMiddleware, once
  const corsOrigin = apiCorsOrigin((eventId) => app.events.find(eventId).then((doc) => doc?.allowedOrigins ?? null), new URL(app.config.PUBLIC_URL).origin);
  const headers = securityHeaders();
  // Outermost, so error answers carry the CORS headers too (the widget must read them).
  koa.use(apiCors(corsOrigin));
  // During shutdown every new request is answered 503 before anything else runs.
  koa.use(drain.middleware());
  koa.use(errorMiddleware(app.log));
  koa.use(securityHeadersMiddleware(headers));
  koa.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: JSON_LIMIT_BYTES,
      encoding: 'utf-8',
      // Webhook signatures are computed over the exact bytes: payments reads ctx.request.rawBody.
      enableRawChecking: true,
    }),
  );
  // Before every route: an embed token reaches only the buyer routes of its event (403 elsewhere).
  koa.use(embedScope(app.embedTokens));
  // Likewise a door staff's check-in pass reaches only its event's check-in and door count.
  koa.use(passScope(app.checkInPasses));
  for (const router of routers) {
    koa.use(router.routes());
    koa.use(router.allowedMethods());
  }
  koa.use(
    staticFiles({
      frontendDist: app.config.FRONTEND_DIST,
      widgetDist: app.config.WIDGET_DIST,
      widgetDemoDir: app.config.WIDGET_DEMO_DIR,
      sitePolicy: sitePolicy({ clerkPublishableKey: app.config.CLERK_PUBLISHABLE_KEY }),
    }),
  );
  const handleRequest = koa.callback();
  // Koa's handler settles every request itself (its error handler answers and logs): nothing to await here.
  const fullStack: RequestListener = (req, res) => void handleRequest(req, res);
  const placement = app.leanPlacement ?? localPlacement(app);
  const lean = new LeanPath({ app, routes: leanRoutes, drain, corsOrigin, securityHeaders: headers, placement, fullStack });
  return { koa, listener: (req, res) => void (lean.take(req, res) || fullStack(req, res)) };
}
