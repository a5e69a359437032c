import { doorApi } from '../api-docs/endpoints/door.js';
import type { AppContext } from '../app-context.js';
import { NotFound } from '../errors.js';
import { route, type Route } from '../http/route-table.js';
import { passJson, type CheckInPasses } from './pass-repository.js';
import { newPassToken } from './pass-token.js';

/** Check-in passes (the event's owner) and the door count (the owner or a pass of the event). */
export function doorRoutes(app: AppContext, passes: CheckInPasses): Route[] {
  return [
    route(doorApi.createPass, async ({ user, event, body: { label } }, ctx) => {
      const { passId, token, secretHash } = newPassToken();
      const doc = { _id: passId, eventId: event._id, ownerId: user._id, label, secretHash, createdAt: new Date(), revokedAt: null };
      await passes.insert(doc);
      ctx.status = 201;
      // The token rides in the fragment: browsers never send it to a server, so it stays out of logs.
      return { pass: passJson(doc), token, url: `${new URL(app.config.PUBLIC_URL).origin}/door/${event._id}#${token}` };
    }),

    route(doorApi.listPasses, async ({ event }) => ({ items: (await passes.ofEvent(event._id)).map(passJson) })),

    route(doorApi.revokePass, async ({ event, params: { passId } }) => {
      const revoked = await passes.revoke(event._id, passId, new Date());
      if (!revoked) throw new NotFound('Check-in pass');
      return passJson(revoked);
    }),

    route(doorApi.doorCount, async ({ event }) => {
      const counts = await app.tickets.doorCount(event._id);
      return { eventId: event._id, eventName: event.name, eventDate: event.eventDate.toISOString(), ...counts };
    }),
  ];
}
