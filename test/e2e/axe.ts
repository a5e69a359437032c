/** axe-core (the npm package) injected into a page under test, and its findings in one line each. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Moderate rules that point at real problems on our pages (content outside landmarks, a page
 * without a heading one); they fail the run like serious and critical ones.
 */
export const ENFORCED_MODERATE = [
  'region',
  'page-has-heading-one',
  'landmark-one-main',
  'landmark-no-duplicate-banner',
  'landmark-unique',
  'landmark-banner-is-top-level',
];

/** Violations on the page as it is now that must not ship: serious, critical, or an enforced moderate rule. */
export async function blockingViolations(page: Page): Promise<Violation[]> {
  // Evaluated over the DevTools protocol, which the site's CSP (script-src 'self') does not govern;
  // an injected <script> tag would be refused by it, as it should be.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource}\n;undefined`);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical' || ENFORCED_MODERATE.includes(v.id));
}

export function describeViolations(where: string, violations: Violation[]): string {
  return violations.map((v) => `${where}: [${v.impact}] ${v.id} — ${v.help}\n    ${v.targets.slice(0, 5).join('\n    ')}`).join('\n');
}
