import { DrawRecord } from '@queuetix/contracts/draw';
import { EventIdParams } from '@queuetix/contracts/events';
import { PowChallenge } from '@queuetix/contracts/pow';
import { commonErrors, endpoint, type Endpoint } from '../endpoint.js';

export const fairnessApi = {
  draw: endpoint({
    method: 'get',
    path: '/api/events/:id/draw',
    group: 'Fairness',
    access: 'anyone',
    servedByEventOwner: true,
    summary: "The public record of the event's early-arrival draw",
    description:
      "Before the draw: the commitment (SHA-256 of the secret seed), published when the event got its on-sale time. After it: the revealed seed, the early entries as pseudonyms in join order, their hash and the drawn order, so anyone can recompute it (docs/fairness.md; `npx tsx scripts/verify-draw.ts <baseUrl> <eventId>`). With a Bearer token, `myPseudonym` is the caller's own entry's pseudonym.",
    params: EventIdParams,
    responses: [{ status: 200, description: 'The draw record', schema: DrawRecord }],
    errors: [
      commonErrors.badId,
      { status: 401, code: 'unauthenticated', when: 'a Bearer token was sent and is not valid' },
      commonErrors.noEvent,
      commonErrors.unavailable,
    ],
  }),
  challenge: endpoint({
    method: 'get',
    path: '/api/events/:id/queue/challenge',
    group: 'Fairness',
    access: 'signed-in',
    servedByEventOwner: true,
    summary: 'A proof-of-work challenge for joining the line',
    description:
      'An ALTCHA (v1) challenge bound to the caller, the event and `expiresAt`: find `number` with SHA-256(salt + number) = challenge (at most `maxnumber`), then join with `pow` = base64(JSON { algorithm, challenge, number, salt, signature }). `required` says whether the event asks for a proof now (powMode on, or auto while the line is long or joins arrive fast). A proof is accepted once.',
    params: EventIdParams,
    responses: [{ status: 200, description: 'A fresh challenge', schema: PowChallenge }],
    errors: [commonErrors.badId, commonErrors.unauthenticated, commonErrors.noEvent, commonErrors.unavailable],
  }),
};

export const fairnessEndpoints: Endpoint[] = Object.values(fairnessApi);
