import { requireInt, requireText } from '../checks.js';
import { typeOf } from '../capacity.js';
import { reject } from '../rejection.js';
import type { QueueState } from '../state.js';
import type { CodeConfig, CodeView, Command, ReplyOf } from '../types.js';
import { requireCreated, type CommandContext } from './context.js';

/**
 * The owner creates or edits a code (docs/domain.md, Codes). Its text and kind never change; its
 * limit never goes below the uses counted so far; the uses themselves are the actor's to count.
 */
export function putCode(ctx: CommandContext, cmd: Extract<Command, { type: 'putCode' }>): ReplyOf<'putCode'> {
  const { state } = ctx;
  requireCreated(state);
  const config = checkCode(state, cmd.code);
  const existing = state.codes.get(config.id);
  if (existing) {
    if (existing.code !== config.code || existing.kind !== config.kind) reject('conflict', "a code's text and kind never change");
    if (config.maxUses !== null && config.maxUses < existing.used + existing.held) {
      reject('conflict', `maxUses can go down only to ${existing.used + existing.held} (uses paid plus uses held)`);
    }
    const { used, held } = existing;
    for (const key of Object.keys(existing) as (keyof CodeView)[]) delete existing[key];
    Object.assign(existing, config, { used, held });
    return { type: 'putCode', code: copyOf(existing) };
  }
  if (state.codeByText.has(config.code)) reject('conflict', `the code ${config.code} already exists for this event`);
  if (state.codes.size >= 1000) reject('conflict', 'an event has at most 1000 codes');
  const code: CodeView = { ...config, used: 0, held: 0 };
  state.codes.set(code.id, code);
  state.codeByText.set(code.code, code);
  return { type: 'putCode', code: copyOf(code) };
}

/** Only a code nobody has used or holds can be deleted (end a leaked one with validUntil instead). */
export function deleteCode(ctx: CommandContext, cmd: Extract<Command, { type: 'deleteCode' }>): ReplyOf<'deleteCode'> {
  const { state } = ctx;
  requireCreated(state);
  const codeId = requireText(cmd.codeId, 'codeId');
  const code = state.codes.get(codeId);
  if (!code) reject('not_found', 'no such code');
  if (code.used + code.held > 0) reject('conflict', 'this code has been used: end it with validUntil instead of deleting it');
  state.codes.delete(codeId);
  state.codeByText.delete(code.code);
  return { type: 'deleteCode', codeId };
}

export function copyOf(code: CodeView): CodeView {
  return { ...code, typeIds: code.typeIds.slice() };
}

function checkCode(state: QueueState, raw: unknown): CodeConfig {
  if (typeof raw !== 'object' || raw === null) reject('invalid_request', 'code must be an object');
  const v = raw as Record<string, unknown>;
  const id = requireText(v.id, 'id');
  const code = requireText(v.code, 'code');
  if (!/^[A-Z0-9-]{3,40}$/.test(code)) reject('invalid_request', 'code must be 3 to 40 upper-case letters, digits or dashes');
  if (v.kind !== 'access' && v.kind !== 'discount') reject('invalid_request', 'kind must be access or discount');
  if (!Array.isArray(v.typeIds) || v.typeIds.length > 20) reject('invalid_request', 'typeIds must be a list');
  const typeIds = (v.typeIds as unknown[]).map((t) => requireText(t, 'typeIds[]'));
  for (const typeId of typeIds) {
    const type = typeOf(state, typeId);
    if (!type) reject('invalid_request', `no ticket type ${typeId} here`);
    if (v.kind === 'access' && !type.hidden) reject('invalid_request', `${type.name} is not hidden: an access code unlocks hidden types`);
  }
  const out: CodeConfig = { id, code, kind: v.kind, typeIds, maxUses: null, validFrom: null, validUntil: null };
  if (v.kind === 'access' && typeIds.length === 0) reject('invalid_request', 'an access code unlocks at least one hidden type');
  if (v.kind === 'discount') {
    if ((v.percentOff === undefined) === (v.amountOff === undefined)) reject('invalid_request', 'a discount takes exactly one of percentOff and amountOff');
    if (v.percentOff !== undefined) out.percentOff = requireInt(v.percentOff, 'percentOff', 1, 100);
    if (v.amountOff !== undefined) out.amountOff = requireInt(v.amountOff, 'amountOff', 1);
  } else if (v.percentOff !== undefined || v.amountOff !== undefined) reject('invalid_request', 'an access code takes no discount');
  if (v.maxUses !== null && v.maxUses !== undefined) out.maxUses = requireInt(v.maxUses, 'maxUses', 1);
  for (const key of ['validFrom', 'validUntil'] as const) {
    const t = v[key];
    if (t === null || t === undefined) continue;
    if (typeof t !== 'number' || !Number.isSafeInteger(t)) reject('invalid_request', `${key} must be a time in ms or null`);
    out[key] = t;
  }
  if (out.validFrom !== null && out.validUntil !== null && out.validFrom >= out.validUntil) reject('invalid_request', 'validUntil must be after validFrom');
  return out;
}
