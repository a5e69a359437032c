import { randomBytes } from 'node:crypto';
import type { Code } from '@queuetix/contracts/codes';
import { codeApi } from '../api-docs/endpoints/codes.js';
import type { AppContext } from '../app-context.js';
import { CodeInvalid, NotFound } from '../errors.js';
import { typesJson } from '../events/ticket-type-config.js';
import { route, type Route } from '../http/route-table.js';
import { codesOf, type CodeConfig, type CodeView } from './core/index.js';
import { isValidAt, usesLeft } from './core/codes.js';

const newCodeId = () => `c_${randomBytes(9).toString('base64url')}`;
const ms = (iso: string | null | undefined) => (iso === null || iso === undefined ? null : Date.parse(iso));
const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

function codeJson(code: CodeView): Code {
  return { ...code, typeIds: code.typeIds.slice(), validFrom: iso(code.validFrom), validUntil: iso(code.validUntil) };
}

/** Codes (docs/domain.md, Codes): the actor keeps them and counts their uses; these routes are thin. */
export function codeRoutes(app: AppContext): Route[] {
  const codeOf = async (eventId: string, codeId: string): Promise<CodeView> => {
    const code = await app.queues.read(eventId, (state) => codesOf(state).find((c) => c.id === codeId));
    if (!code) throw new NotFound('Code');
    return code;
  };
  return [
    route(codeApi.list, async ({ params: { id }, user }) => {
      await app.events.getOwned(id, user._id);
      return { items: (await app.queues.read(id, (state) => codesOf(state))).map(codeJson) };
    }),
    route(codeApi.create, async ({ params: { id }, user, body }, ctx) => {
      await app.events.getOwned(id, user._id);
      const config: CodeConfig = {
        id: newCodeId(),
        code: body.code,
        kind: body.kind,
        typeIds: body.typeIds,
        ...(body.percentOff !== undefined ? { percentOff: body.percentOff } : {}),
        ...(body.amountOff !== undefined ? { amountOff: body.amountOff } : {}),
        maxUses: body.maxUses,
        validFrom: ms(body.validFrom),
        validUntil: ms(body.validUntil),
      };
      const reply = await app.queues.command(id, { type: 'putCode', code: config });
      ctx.status = 201;
      return codeJson(reply.code);
    }),
    route(codeApi.update, async ({ params: { id, codeId }, user, body }) => {
      await app.events.getOwned(id, user._id);
      const { used: _used, held: _held, ...current } = await codeOf(id, codeId);
      const next: CodeConfig = { ...current };
      if (body.typeIds !== undefined) next.typeIds = body.typeIds;
      if (body.maxUses !== undefined) next.maxUses = body.maxUses;
      if (body.validFrom !== undefined) next.validFrom = ms(body.validFrom);
      if (body.validUntil !== undefined) next.validUntil = ms(body.validUntil);
      // Switching between percent and amount: the one sent replaces the other.
      if (body.percentOff != null) {
        next.percentOff = body.percentOff;
        delete next.amountOff;
      } else if (body.percentOff === null) delete next.percentOff;
      if (body.amountOff != null) {
        next.amountOff = body.amountOff;
        delete next.percentOff;
      } else if (body.amountOff === null) delete next.amountOff;
      const reply = await app.queues.command(id, { type: 'putCode', code: next });
      return codeJson(reply.code);
    }),
    route(codeApi.remove, async ({ params: { id, codeId }, user }, ctx) => {
      await app.events.getOwned(id, user._id);
      await app.queues.command(id, { type: 'deleteCode', codeId });
      ctx.status = 204;
      return undefined;
    }),
    route(codeApi.check, async ({ params: { id }, body }) => {
      await app.events.visibility.assertJoinable(id);
      const doc = await app.events.get(id);
      const code = await app.queues.read(id, (state, now) => {
        const found = state.codeByText.get(body.code);
        return found && isValidAt(found, now) && usesLeft(found) > 0 ? { ...found, typeIds: found.typeIds.slice() } : undefined;
      });
      if (!code) throw new CodeInvalid('This code does not work for this event now');
      if (code.kind === 'access') {
        return { code: code.code, kind: code.kind, unlocks: typesJson(doc, true).filter((t) => code.typeIds.includes(t.id)) };
      }
      const discount = {
        typeIds: code.typeIds,
        ...(code.percentOff !== undefined ? { percentOff: code.percentOff } : {}),
        ...(code.amountOff !== undefined ? { amountOff: code.amountOff } : {}),
      };
      return { code: code.code, kind: code.kind, discount };
    }),
  ];
}
