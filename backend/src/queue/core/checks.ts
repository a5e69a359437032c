import { reject } from './rejection.js';
import type { ConfigPatch, EventConfig } from './types.js';

/** Commands come from the shell and from the journal on replay: check what the rules rely on. */
export function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) reject('invalid_request', `${name} must be a non-empty string`);
  return value;
}

export function requireInt(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    reject('invalid_request', `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Bounds from docs/domain.md ("Events"). */
const configChecks: { [K in keyof EventConfig]: (value: unknown) => EventConfig[K] } = {
  totalTickets: (v) => requireInt(v, 'totalTickets', 0),
  maxPerBuyer: (v) => requireInt(v, 'maxPerBuyer', 1, 10),
  offerWindowSec: (v) => requireInt(v, 'offerWindowSec', 60, 3600),
  salesStartAt: (v) => {
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) {
      reject('invalid_request', 'salesStartAt must be a time in ms or null');
    }
    return v;
  },
  price: (v) => requireInt(v, 'price', 0),
  currency: (v) => requireText(v, 'currency'),
  cancelled: (v) => {
    if (typeof v !== 'boolean') reject('invalid_request', 'cancelled must be a boolean');
    return v;
  },
};

const configKeys = Object.keys(configChecks) as (keyof EventConfig)[];

export function checkConfig(config: unknown): EventConfig {
  if (typeof config !== 'object' || config === null) reject('invalid_request', 'config must be an object');
  const source = config as Record<string, unknown>;
  const checked = {} as Record<keyof EventConfig, unknown>;
  for (const key of configKeys) checked[key] = configChecks[key](source[key]);
  return checked as EventConfig;
}

/** The fields of a patch that are present and valid; 'cancelled' goes through the cancel command. */
export function checkPatch(patch: unknown): ConfigPatch {
  if (typeof patch !== 'object' || patch === null) reject('invalid_request', 'patch must be an object');
  const source = patch as Record<string, unknown>;
  const checked: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (source[key] === undefined) continue;
    if (key === 'cancelled') reject('invalid_request', 'cancel an event with the cancel command');
    if (!Object.hasOwn(configChecks, key)) reject('invalid_request', `unknown config field ${key}`);
    checked[key] = configChecks[key as keyof EventConfig](source[key]);
  }
  return checked;
}
