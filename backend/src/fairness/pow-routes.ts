import type { AppContext } from '../app-context.js';
import { fairnessApi } from '../api-docs/endpoints/fairness.js';
import { route, type Route } from '../http/route-table.js';

/** Proof-of-work challenges for joining an event's line (docs/fairness.md). */
export function powRoutes(app: AppContext): Route[] {
  return [
    route(fairnessApi.challenge, async ({ params: { id }, identity }, ctx) => {
      await app.events.get(id);
      ctx.set('Cache-Control', 'no-store');
      return app.proofOfWork.challenge(id, identity.userId);
    }),
  ];
}
