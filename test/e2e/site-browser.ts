/**
 * Browser helpers for the site's end-to-end tests: Debian's Chromium driven by playwright-core,
 * one isolated context per person, and screenshots at desktop and phone widths.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot, runDir } from '../support/paths.js';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const NARROWEST = { width: 360, height: 740 };

/** Screenshots go to docs/screenshots when UPDATE_SCREENSHOTS=1, else to the run's artifacts. */
export const screenshotDir = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(repoRoot, 'docs/screenshots') : path.join(runDir, 'screenshots');

/** The backend serves frontend/dist: build it once if this run has not (npm test builds it first). */
export function ensureSiteBuilt(): void {
  if (existsSync(path.join(repoRoot, 'frontend/dist/index.html'))) return;
  execFileSync('npm', ['run', 'build', '-w', '@queuetix/frontend'], { cwd: repoRoot, stdio: 'ignore' });
}

/** A port nobody listens on right now (the server must know its public URL before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A person with their own cookies and storage (a separate browser profile, in effect). */
/** Everything the browser refused under the site's Content-Security-Policy, in every person's pages. */
export const cspViolations: string[] = [];

export async function newPerson(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: DESKTOP, locale: 'en-US', timezoneId: 'Europe/Paris' });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const page = await context.newPage();
  return { context, page };
}

/** Dev sign-in through the real sign-in page, landing on `redirect`. */
export async function signIn(page: Page, name: string, role: 'buyer' | 'seller', redirect: string): Promise<void> {
  await page.goto(`/sign-in?redirect=${encodeURIComponent(redirect)}`);
  await page.getByTestId('name').fill(name);
  // The radio inputs are visually hidden inside their labels: click the label a person would click.
  await page.locator('label', { has: page.getByTestId(`role-${role}`) }).click();
  await page.getByTestId('sign-in').click();
  await page.waitForURL((url) => url.pathname === redirect.split('?')[0]);
}

/** Screenshot of the page as it is now at desktop width, then at phone width (checking 360 px on the way). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await settle(page);
  await page.screenshot({ path: path.join(screenshotDir, `${name}-desktop.png`), fullPage: true });
  // The site must work down to 360 px: nothing may stick out sideways at that width.
  await page.setViewportSize(NARROWEST);
  await settle(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${name}: the page is ${overflow}px wider than a ${NARROWEST.width}px screen`);
  await page.setViewportSize(PHONE);
  await settle(page);
  await page.screenshot({ path: path.join(screenshotDir, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(original);
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(250); // let layout and transitions finish after a resize
}

/** A real PNG (drawn by the browser's canvas) to upload as an event image. */
export async function makePng(page: Page, label: string): Promise<Buffer> {
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1280;
    canvas.height = 720;
    const ctx = canvas.getContext('2d')!;
    const gradient = ctx.createLinearGradient(0, 0, 1280, 720);
    gradient.addColorStop(0, '#312e81');
    gradient.addColorStop(0.55, '#7c3aed');
    gradient.addColorStop(1, '#f97316');
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, 1280, 720);
    for (let i = 0; i < 14; i++) {
      ctx.fillStyle = `rgba(255,255,255,${0.05 + (i % 4) * 0.03})`;
      ctx.beginPath();
      ctx.arc(120 + i * 90, 560 - (i % 5) * 70, 40 + (i % 3) * 30, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.fillStyle = '#fff';
    ctx.font = 'bold 96px sans-serif';
    ctx.fillText(text, 80, 200);
    return canvas.toDataURL('image/png');
  }, label);
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** On a failed step: each page's screenshot and URL under the run's artifacts, for the reader of the log. */
export async function saveFailureScreens(pages: Record<string, Page | undefined>, title: string): Promise<void> {
  const dir = path.join(runDir, 'failures');
  mkdirSync(dir, { recursive: true });
  const slug = title.replace(/[^\w]+/g, '-').slice(0, 60);
  for (const [who, page] of Object.entries(pages)) {
    if (!page || page.isClosed()) continue;
    const file = path.join(dir, `${slug}-${who}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`    [${who}] ${page.url()} → ${path.relative(repoRoot, file)}`);
  }
}
