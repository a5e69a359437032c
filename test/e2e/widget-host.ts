/**
 * For the widget's browser tests: an organiser's site on ANOTHER loopback origin than the API
 * (its own port), which embeds the widget exactly as organisers do, records what the widget tells
 * the page (DOM events and postMessages), and serves the widget's demo page too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from '../support/paths.js';

export interface HostSite {
  origin: string;
  /** URL of a host page embedding one widget per event id (`events[i]` gets id `w${i}`). */
  page(options: HostPageOptions): string;
  close(): Promise<void>;
}

export interface HostPageOptions {
  api: string;
  events: string[];
  /** Add the hostile stylesheet (it tries hard to restyle everything, the widget included). */
  hostileCss?: boolean;
  /** Leave the widget script out (to measure the page without it). */
  withoutWidget?: boolean;
}

/** A stylesheet that tries to restyle everything, the widget included. */
const hostileCss = `
  html { font-size: 40px; }
  * { font-family: "Courier New", monospace !important; color: rgb(255, 0, 0) !important; letter-spacing: 5px !important;
      line-height: 3 !important; text-transform: uppercase !important; font-weight: 100 !important; }
  button { background: rgb(255, 105, 180) !important; border-radius: 0 !important; padding: 30px !important; }
  h2, h3, p, ul, li { margin: 40px !important; padding: 20px !important; }
  div, section, form, label, select, span, a { border: 3px solid lime !important; }
  img { filter: grayscale(1) !important; }
`;

function hostPageHtml(query: URLSearchParams): string {
  const api = query.get('api') ?? '';
  const events = query.getAll('event');
  const widgets = events.map((id, i) => `<queuetix-ticket-widget id="w${i}" event="${encodeURIComponent(id)}"></queuetix-ticket-widget>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Organiser page</title>
<style>body { margin: 16px; } .page-text { font: 16px/1.5 Georgia, serif; color: rgb(31, 41, 55); }</style>
${query.get('hostile') === '1' ? `<style>${hostileCss}</style>` : ''}
<script>
  // What the widget tells the host page, for the test to read.
  window.__events = []; window.__messages = [];
  for (const name of ['queuetix-joined', 'queuetix-offer', 'queuetix-purchased', 'queuetix-error']) {
    document.addEventListener(name, (e) => window.__events.push({ name, target: e.target.id, detail: JSON.parse(JSON.stringify(e.detail)) }));
  }
  window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
</script>
</head><body>
<h2 class="page-text" id="page-heading">The organiser's own heading</h2>
<p class="page-text" id="page-text">The organiser's own paragraph.</p>
<button id="page-button">The organiser's own button</button>
${widgets}
${query.get('widget') === '0' ? '' : `<script type="module" src="${api}/widget.js"></script>`}
</body></html>`;
}

export async function startHostSite(): Promise<HostSite> {
  const demoDir = path.join(repoRoot, 'widget/demo');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/host') return send(200, 'text/html; charset=utf-8', hostPageHtml(url.searchParams));
    if (url.pathname === '/widget/demo' || url.pathname.startsWith('/widget/demo/')) {
      const rel = url.pathname.replace(/^\/widget\/demo\/?/, '') || 'index.html';
      const file = path.join(demoDir, path.normalize(rel));
      if (!file.startsWith(demoDir)) return send(403, 'text/plain', 'forbidden');
      readFile(file).then(
        (body) => send(200, file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8', body),
        () => send(404, 'text/plain', 'not found'),
      );
      return;
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(options) {
      const query = new URLSearchParams({ api: options.api });
      for (const id of options.events) query.append('event', id);
      if (options.hostileCss) query.set('hostile', '1');
      if (options.withoutWidget) query.set('widget', '0');
      return `${origin}/host?${query}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The backend serves widget/dist and frontend/dist (the popups): build what is missing or stale. */
export function ensureBuilt(): void {
  const widget = path.join(repoRoot, 'widget/dist/widget.js');
  if (!existsSync(widget) || statSync(widget).mtimeMs < newestChange(path.join(repoRoot, 'widget/src'))) {
    execFileSync('npm', ['run', 'build', '-w', '@queuetix/widget'], { cwd: repoRoot, stdio: 'ignore' });
  }
  if (!existsSync(path.join(repoRoot, 'frontend/dist/index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', '@queuetix/frontend'], { cwd: repoRoot, stdio: 'ignore' });
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A port nobody listens on now: the backend must know its public URL (checkout returns) before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
