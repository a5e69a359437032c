import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import helmet from 'koa-helmet';
import type Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { passScope } from '../door/pass-scope.js';
import { embedScope } from '../embed/embed-scope.js';
import { sitePolicy } from './content-security-policy.js';
import { apiCors } from './cors.js';
import type { HttpDrain } from './drain.js';
import { errorMiddleware } from './error-middleware.js';
import { staticFiles } from './static-files.js';

const JSON_LIMIT = '100kb';

/** Builds the Koa app: security headers, one error mapper, JSON bodies, the API routers, static files. */
export function createHttpApp(app: AppContext, routers: Router[], drain: HttpDrain): Koa {
  // ctx.ip is the X-Forwarded-For entry proxyHops from the right (Koa keeps only the last
  // maxIpsCount): what our own proxies appended. Entries left of it are the client's to invent,
  // and trusting them would give a buyer a fresh per-IP join budget with every request.
  const hops = app.config.proxyHops;
  const koa = new Koa({ proxy: hops > 0, maxIpsCount: hops });
  koa.silent = true; // errors are logged by errorMiddleware, once
  // Outermost, so error answers carry the CORS headers too (the widget must read them).
  koa.use(apiCors((eventId) => app.events.find(eventId).then((doc) => doc?.allowedOrigins ?? null), new URL(app.config.PUBLIC_URL).origin));
  // During shutdown every new request is answered 503 before anything else runs.
  koa.use(drain.middleware());
  koa.use(errorMiddleware(app.log));
  koa.use(
    helmet({
      // The site's pages get their own policy (static-files.ts, content-security-policy.ts); the API is JSON.
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
      crossOriginOpenerPolicy: false,
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
  );
  koa.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: JSON_LIMIT,
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
  return koa;
}
