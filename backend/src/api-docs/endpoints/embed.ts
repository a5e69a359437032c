import { EmbedTokenRequest, EmbedTokenResponse } from '@queuetix/contracts/embed';
import { commonErrors, endpoint, jsonBody, type Endpoint } from '../endpoint.js';

export const embedApi = {
  token: endpoint({
    method: 'post',
    path: '/api/embed/token',
    group: 'Embedding',
    access: 'signed-in',
    summary: 'A scoped token for a site that embeds the widget (called by the sign-in popup)',
    description:
      "Called by the sign-in popup on the Queuetix origin with the site session, once the buyer has agreed. The token (audience `queuetix-embed`, 15 minutes, renewed through the popup) is bound to the event and the site: it reaches only that event's join, leave, my entry, checkout, `GET /api/tickets?eventId=` and its Socket.IO room; every other route answers 403. The site must be in the event's `allowedOrigins` (or the list holds `*`, any site); an event with an empty list cannot be embedded elsewhere. An embed token cannot call this endpoint (renewal goes through the popup).",
    body: jsonBody(EmbedTokenRequest, { eventId: '665f1c2ab7e4d91a3c0f5e21', origin: 'https://tickets.example.com' }),
    inputName: 'embed token request',
    responses: [{ status: 200, description: 'The token, when it expires, and who it acts for', schema: EmbedTokenResponse }],
    errors: [
      commonErrors.badBody,
      commonErrors.unauthenticated,
      { status: 403, code: 'forbidden', when: 'the event does not allow that site, or the caller holds an embed token' },
      commonErrors.noEvent,
      commonErrors.unavailable,
    ],
  }),
};

export const embedEndpoints: Endpoint[] = Object.values(embedApi);
