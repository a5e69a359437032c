import { reject } from './rejection.js';
import type { ConfigPatch, EventConfig, TypeConfig } from './types.js';

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
const configChecks: { [K in keyof EventConfig]-?: (value: unknown) => EventConfig[K] } = {
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
  types: (v) => (v === undefined ? undefined : checkTypes(v)),
  capacity: (v) => (v === undefined || v === null ? v : requireInt(v, 'capacity', 1)),
};

const optionalTime = (v: unknown, name: string): number | null => {
  if (v !== null && (typeof v !== 'number' || !Number.isSafeInteger(v))) reject('invalid_request', `${name} must be a time in ms or null`);
  return v;
};

/** 1–20 types with distinct ids, at least one visible (docs/domain.md, Ticket types). */
function checkTypes(value: unknown): TypeConfig[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > 20) reject('invalid_request', 'types must list 1 to 20 ticket types');
  const ids = new Set<string>();
  const types = value.map((raw: unknown): TypeConfig => {
    const t = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const type: TypeConfig = {
      id: requireText(t.id, 'types[].id'),
      name: requireText(t.name, 'types[].name'),
      description: typeof t.description === 'string' ? t.description : '',
      price: requireInt(t.price, 'types[].price', 0),
      capacity: requireInt(t.capacity, 'types[].capacity', 0),
      maxPerBuyer: requireInt(t.maxPerBuyer, 'types[].maxPerBuyer', 1, 10),
      salesStartAt: optionalTime(t.salesStartAt, 'types[].salesStartAt'),
      salesEndAt: optionalTime(t.salesEndAt, 'types[].salesEndAt'),
      hidden: t.hidden === true,
    };
    if (ids.has(type.id)) reject('invalid_request', `ticket type id ${type.id} is used twice`);
    ids.add(type.id);
    return type;
  });
  if (types.every((t) => t.hidden)) reject('invalid_request', 'at least one ticket type must be visible');
  return types;
}

const configKeys = Object.keys(configChecks) as (keyof EventConfig)[];

export function checkConfig(config: unknown): EventConfig {
  if (typeof config !== 'object' || config === null) reject('invalid_request', 'config must be an object');
  const source = config as Record<string, unknown>;
  const checked = {} as Record<keyof EventConfig, unknown>;
  for (const key of configKeys) {
    const value = configChecks[key](source[key]);
    if (value !== undefined) checked[key] = value;
  }
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
