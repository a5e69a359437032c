/**
 * What "a documented 4xx" means (api.md, Conventions): the status and `error.code` pair of the
 * contract, with a message a person can read. Anything else — a 5xx, an undocumented code, an
 * error without a body — fails the hostile tests.
 */
import { writeFileSync } from 'node:fs';
import { expect } from 'chai';
import type { ApiResponse } from '../../support/api.js';

export const documentedCodes: Record<number, string[]> = {
  400: ['invalid_request'],
  401: ['unauthenticated'],
  403: ['forbidden'],
  404: ['not_found'],
  409: ['conflict', 'sold_out', 'offer_expired'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  429: ['rate_limited'],
  503: ['unavailable'],
};

export function isDocumentedError(res: ApiResponse): boolean {
  const codes = documentedCodes[res.status];
  const error = (res.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return Boolean(codes && error && codes.includes(error.code as string) && typeof error.message === 'string' && error.message.length > 0);
}

/** Asserts a documented 4xx, optionally one of the given statuses. */
export function expectDocumented4xx(res: ApiResponse, statuses?: number[], context = ''): void {
  const where = `${context.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
  expect(res.status, where).to.be.within(400, 499);
  if (statuses) expect(statuses, where).to.include(res.status);
  expect(isDocumentedError(res), `undocumented error: ${where}`).to.equal(true);
}

/** How many inputs each property tried (npm run chaos raises them and reports the total). */
export const hostileRuns = Number(process.env.QUEUETIX_HOSTILE_RUNS ?? 25);
const tried = new Map<string, number>();
export function countTried(property: string, n = 1): void {
  tried.set(property, (tried.get(property) ?? 0) + n);
}
process.once('exit', () => {
  const file = process.env.QUEUETIX_HOSTILE_REPORT;
  if (!file) return;
  writeFileSync(file, JSON.stringify(Object.fromEntries(tried), null, 2));
});
