import { DrawRecord } from '../../contracts/draw.js';
import { EventIdParams } from '../../contracts/events.js';
import { commonErrors, type Endpoint } from '../endpoint.js';

export const fairnessEndpoints: Endpoint[] = [
  {
    method: 'get', path: '/api/events/:id/draw', group: 'Fairness', access: 'anyone',
    summary: "The public record of the event's early-arrival draw",
    description:
      'Before the draw: the commitment (SHA-256 of the secret seed), published when the event got its on-sale time. After it: the revealed seed, the early entries as pseudonyms in join order, their hash and the drawn order, so anyone can recompute it (docs/fairness.md; `npx tsx scripts/verify-draw.ts <baseUrl> <eventId>`). With a Bearer token, `myPseudonym` is the caller\'s own entry\'s pseudonym.',
    params: EventIdParams,
    responses: [{ status: 200, description: 'The draw record', schema: DrawRecord }],
    errors: [commonErrors.badId, { status: 401, code: 'unauthenticated', when: 'a Bearer token was sent and is not valid' }, commonErrors.noEvent, commonErrors.unavailable],
  },
];
