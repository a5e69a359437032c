/**
 * One server and one browser for a site test file: the backend on a known port (checkout return
 * URLs need PUBLIC_URL), an API client for arranging data, and people with their own profiles.
 */
import type { Browser, Page } from 'playwright-core';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { ensureSiteBuilt, freePort, launchBrowser, newPerson } from './site-browser.js';

export interface Site {
  backend: Backend;
  api: Api;
  browser: Browser;
  origin: string;
  /** A new person (own cookies and storage) with one page. */
  person(): Promise<Page>;
  stop(): Promise<void>;
}

export async function startSite(label: string, env: Record<string, string> = {}): Promise<Site> {
  ensureSiteBuilt();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const backend = await startBackend({ label, env: { PORT: String(port), PUBLIC_URL: origin, JOIN_RATE_PER_USER: '0', JOIN_RATE_PER_IP: '0', ...env } });
  const browser = await launchBrowser();
  return {
    backend,
    api: new Api(origin),
    browser,
    origin,
    person: async () => (await newPerson(browser, origin)).page,
    async stop() {
      await browser.close();
      await backend.stop();
    },
  };
}
