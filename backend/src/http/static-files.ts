import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'koa';
import send from 'koa-send';

/**
 * Serves the built Vue site (with an SPA fallback to index.html), the widget script at /widget.js
 * (its types at /widget.d.ts, the parts it loads on demand at /widget-<name>-<hash>.js)
 * and the widget demo page at /widget/demo/. Only GET/HEAD, never under /api or /socket.io. The
 * site's pages carry its Content-Security-Policy (content-security-policy.ts); the demo page, an
 * example of an organiser's own page, does not.
 */
/** The parts of the widget it imports on demand (widget/vite.config.ts names them so). */
const widgetChunkPattern = /^\/widget-[\w-]+\.js$/;

export function staticFiles(opts: { frontendDist: string; widgetDist: string; widgetDemoDir: string; sitePolicy: string }) {
  const frontendRoot = path.resolve(opts.frontendDist);
  const widgetRoot = path.resolve(opts.widgetDist);
  const demoRoot = path.resolve(opts.widgetDemoDir);
  return async function serveStatic(ctx: Context, next: () => Promise<void>) {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/') || ctx.path === '/api' || ctx.path.startsWith('/socket.io')) {
      return next();
    }
    const widgetChunk = widgetChunkPattern.test(ctx.path);
    if (ctx.path === '/widget.js' || ctx.path === '/widget.js.map' || ctx.path === '/widget.d.ts' || widgetChunk) {
      if (!existsSync(path.join(widgetRoot, ctx.path))) return next();
      ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
      // Organisers' pages import these as modules from another origin: CORS is what lets them.
      ctx.set('Access-Control-Allow-Origin', '*');
      // A chunk's name carries its content hash: it never changes, so it may be cached for good.
      await send(ctx, ctx.path, { root: widgetRoot, maxage: widgetChunk ? 365 * 24 * 3600_000 : 60_000, immutable: widgetChunk });
      // The widget's types for organisers' TypeScript (by extension, .ts would be served as MPEG video).
      if (ctx.path === '/widget.d.ts') ctx.type = 'application/typescript; charset=utf-8';
      return;
    }
    if (ctx.path === '/widget/demo' || ctx.path.startsWith('/widget/demo/')) {
      const rel = ctx.path.replace(/^\/widget\/demo\/?/, '') || 'index.html';
      await send(ctx, rel, { root: demoRoot }).catch(() => undefined);
      if (ctx.body !== undefined) return;
      return next();
    }
    if (!existsSync(frontendRoot)) return next();
    ctx.set('Content-Security-Policy', opts.sitePolicy);
    const isAsset = ctx.path.startsWith('/assets/');
    try {
      await send(ctx, ctx.path, { root: frontendRoot, index: 'index.html', maxage: isAsset ? 365 * 24 * 3600_000 : 0, immutable: isAsset });
    } catch {
      // Not a file: a client-side route. Paths with an extension are real 404s.
      if (path.extname(ctx.path)) return next();
      await send(ctx, 'index.html', { root: frontendRoot });
      ctx.set('Cache-Control', 'no-cache');
    }
  };
}
