import type { Context } from 'koa';
import { bearerTokenOf } from '../auth/bearer.js';

/** Koa types `next` as returning Promise<any>; the middleware after us settles with nothing. */
type Next = () => Promise<void>;
import { Forbidden, Unauthenticated } from '../errors.js';
import { decodePathSegment } from '../http/path-segment.js';
import type { CheckInPasses } from './pass-repository.js';
import { isPassToken, parsePassToken, secretMatches } from './pass-token.js';

/** A verified check-in pass: door staff for one event. */
export interface DoorStaff {
  passId: string;
  eventId: string;
}

/** The only routes a check-in pass reaches, for its own event: check a ticket in, see the door count. */
const PASS_ROUTES = [
  { method: 'POST', path: /^\/api\/events\/([^/]+)\/check-in\/?$/i },
  { method: 'GET', path: /^\/api\/events\/([^/]+)\/door\/?$/i },
];

export function passRouteAllowed(method: string, path: string, eventId: string): boolean {
  return PASS_ROUTES.some((route) => {
    if (route.method !== method.toUpperCase()) return false;
    const match = route.path.exec(path);
    return match !== null && decodePathSegment(match[1]!) === eventId;
  });
}

const STATE_KEY = 'doorStaff';

/**
 * The one guard for check-in passes, in front of every route: a request carrying one is checked
 * (known, not revoked, secret matches) and let through only to its event's check-in and door
 * count. Everything else is 403, so a staff phone holds nothing of the seller's powers.
 */
export function passScope(passes: CheckInPasses) {
  return async function guardCheckInPasses(ctx: Context, next: Next) {
    const token = bearerTokenOf(ctx.get('authorization'));
    if (!token || !isPassToken(token)) return next();
    const parsed = parsePassToken(token);
    const pass = parsed ? await passes.byId(parsed.passId) : null;
    if (!parsed || !pass || !secretMatches(parsed.secret, pass.secretHash))
      throw new Unauthenticated('Unknown check-in pass; ask the organiser for a new link');
    if (pass.revokedAt) throw new Unauthenticated('This check-in pass was revoked by the organiser; ask them for a new link');
    if (!passRouteAllowed(ctx.method, ctx.path, pass.eventId)) {
      throw new Forbidden(`A check-in pass can only check tickets in and see the door count for its own event (${pass.eventId})`);
    }
    ctx.state[STATE_KEY] = { passId: pass._id, eventId: pass.eventId } satisfies DoorStaff;
    return next();
  };
}

/** The door staff the guard let through for this request, if the caller holds a check-in pass. */
export function doorStaff(ctx: Context): DoorStaff | undefined {
  return ctx.state[STATE_KEY] as DoorStaff | undefined;
}
