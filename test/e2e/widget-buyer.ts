/** What a buyer does in the widget on an organiser's page, and what the page hears from it, for the widget's browser tests. */
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { Api } from '../support/api.js';

/** What the host page recorded (see widget-host.ts). */
export interface Recorded {
  events: Array<{ name: string; target: string; detail: any }>;
  messages: Array<{ origin: string; data: any }>;
}

export const recorded = (page: Page): Promise<Recorded> =>
  page.evaluate(() => ({ events: (globalThis as any).__events, messages: (globalThis as any).__messages }));

/** Waits until the host page has heard `name` from the widget, and returns its detail. */
export async function heard(page: Page, name: string, target?: string): Promise<any> {
  await page.waitForFunction(([n, t]) => (globalThis as any).__events.some((e: any) => e.name === n && (!t || e.target === t)), [name, target] as const);
  return (await recorded(page)).events.find((e) => e.name === name && (!target || e.target === target))!.detail;
}

/** Signs the buyer in through the widget's popup (the Vue site's dev sign-in on the Queuetix origin). */
export async function signInThroughPopup(page: Page, widget: Locator, name: string, apiOrigin: string): Promise<Api> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), widget.getByRole('button', { name: /sign in/i }).click()]);
  expect(new URL(popup.url()).origin).to.equal(apiOrigin);
  await popup.getByTestId('name').fill(name);
  await popup.getByTestId('sign-in').click();
  await popup.waitForEvent('close');
  await widget.getByText(`Signed in as ${name}`).waitFor();
  const tokenMessage = (await recorded(page)).messages.find((m) => m.data?.type === 'queuetix:token');
  expect(tokenMessage?.origin).to.equal(apiOrigin);
  // Never the site session: a scoped embed token for this page's origin and the widget's event.
  const claims = JSON.parse(Buffer.from(tokenMessage!.data.token.split('.')[1], 'base64url').toString('utf8'));
  expect(claims).to.include({ aud: 'queuetix-embed', org: new URL(page.url()).origin, evt: tokenMessage!.data.eventId });
  expect(claims.exp - claims.iat).to.be.at.most(900);
  return new Api(apiOrigin, tokenMessage!.data.token);
}
