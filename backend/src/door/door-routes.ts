import Router from '@koa/router';
import type { AppContext } from '../app-context.js';
import { requireIdentity } from '../auth/guards.js';
import { CheckInPassParams, CreateCheckInPassRequest } from '../contracts/door.js';
import { EventIdParams } from '../contracts/events.js';
import { NotFound } from '../errors.js';
import { parse } from '../http/validate.js';
import { passJson, type CheckInPasses } from './pass-repository.js';
import { newPassToken } from './pass-token.js';
import { doorStaff } from './pass-scope.js';

/** Check-in passes (the event's owner) and the door count (the owner or a pass of the event). */
export function doorRoutes(app: AppContext, passes: CheckInPasses): Router {
  const router = new Router({ prefix: '/api/events' });

  router.post('/:id/check-in-passes', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const identity = await requireIdentity(ctx, app);
    const event = await app.events.getOwned(id, identity.userId);
    const { label } = parse(CreateCheckInPassRequest, ctx.request.body, 'check-in pass');
    const { passId, token, secretHash } = newPassToken();
    const doc = { _id: passId, eventId: event._id, ownerId: identity.userId, label, secretHash, createdAt: new Date(), revokedAt: null };
    await passes.insert(doc);
    ctx.status = 201;
    // The token rides in the fragment: browsers never send it to a server, so it stays out of logs.
    ctx.body = { pass: passJson(doc), token, url: `${new URL(app.config.PUBLIC_URL).origin}/door/${event._id}#${token}` };
  });

  router.get('/:id/check-in-passes', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const identity = await requireIdentity(ctx, app);
    await app.events.getOwned(id, identity.userId);
    ctx.body = { items: (await passes.ofEvent(id)).map(passJson) };
  });

  router.delete('/:id/check-in-passes/:passId', async (ctx) => {
    const { id, passId } = parse(CheckInPassParams, ctx.params, 'pass id');
    const identity = await requireIdentity(ctx, app);
    await app.events.getOwned(id, identity.userId);
    const revoked = await passes.revoke(id, passId, new Date());
    if (!revoked) throw new NotFound('Check-in pass');
    ctx.body = passJson(revoked);
  });

  router.get('/:id/door', async (ctx) => {
    const { id } = parse(EventIdParams, ctx.params, 'event id');
    const event = doorStaff(ctx) ? await app.events.get(id) : await app.events.getOwned(id, (await requireIdentity(ctx, app)).userId);
    const counts = await app.tickets.doorCount(id);
    ctx.body = { eventId: event._id, eventName: event.name, eventDate: event.eventDate.toISOString(), ...counts };
  });

  return router;
}
