import type { AppContext } from '../app-context.js';
import { fairnessApi } from '../api-docs/endpoints/fairness.js';
import { optionalIdentity } from '../auth/guards.js';
import { route, type Route } from '../http/route-table.js';
import { drawJson } from './draw-json.js';

/** The public record of an event's early-arrival draw (docs/fairness.md). */
export function drawRoutes(app: AppContext): Route[] {
  return [
    route(fairnessApi.draw, async ({ params: { id } }, ctx) => {
      const identity = await optionalIdentity(ctx, app);
      await app.events.get(id); // 404 for an unknown event, before an actor is woken for it
      // The record changes once (at the draw); a signed-in answer carries the caller's pseudonym.
      ctx.set('Cache-Control', 'no-store');
      return drawJson(id, await app.queues.drawFacts(id, identity?.userId));
    }),
  ];
}
