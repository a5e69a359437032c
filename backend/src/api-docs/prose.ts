/** The parts of docs/api.md that are not endpoints: conventions and the Socket.IO protocol. */
export const conventions = [
  '## Conventions',
  '',
  "- **Auth:** `Authorization: Bearer <token>` — a Clerk session token, or in dev sign-in mode a token of the same shape from `POST /api/dev/sign-in`. A malformed or invalid token is a 401 even where no sign-in is needed. Two scoped tokens reach only a few routes and get 403 everywhere else: an embed token (`POST /api/embed/token`, what the widget holds: one event's join, proof-of-work challenge, leave, my entry, draw record, checkout and `GET /api/tickets?eventId=`) and a check-in pass (`qcp_…`, door staff: one event's check-in and door count); see docs/security.md.",
  '- **Errors:** a status code and `{ "error": { "code", "message", "details"? } }`. Codes: `invalid_request` 400 (`details.fields` lists each bad field), `unauthenticated` 401, `forbidden` 403, `not_found` 404, `conflict` 409, `sold_out` 409, `offer_expired` 409, `payload_too_large` 413, `unsupported_media_type` 415, `code_invalid` 422 (an access or discount code that is unknown, used up, outside its validity or not for the tickets asked for; nothing changes), `proof_required` 428 (a join of an event with proof-of-work on lacks a valid, fresh, unused proof; `details.reason` is missing, invalid, expired or replayed), `rate_limited` 429 (with `Retry-After`), `unavailable` 503 (with `Retry-After`). Messages are meant for people; no internals or stack traces reach a client.',
  '- **Strict input:** unknown body fields and unknown query parameters are refused (400), so a typo never passes silently.',
  '- **Lists:** `{ "items": [...], "total": n, "page": p, "pageSize": s }`; `page` from 1, `pageSize` 1–100 (default 20).',
  "- **Money** is integer minor units of the event's currency (ISO 4217, lower case). **Times** are ISO 8601 strings in UTC.",
  '- **Ids** are opaque strings of letters, digits, `_` and `-` (at most 64).',
];

export const socketIo = [
  '## Socket.IO',
  '',
  'Same origin, path `/socket.io`, WebSocket transport. Connect with `auth: { token }` (optional: anonymous sockets may only watch events).',
  '',
  '- Client emits `watch` `{ eventId }` and `unwatch` `{ eventId }`.',
  '- Server emits, always with full state, never deltas: `availability` `{ eventId, ...Availability }` to watchers of the event; `entry` (an [Entry](#entry)) to its buyer on every change of position, offer, deadline or outcome; `ticket` (a [Ticket](#ticket)) to its buyer when issued or when its status changes; `refunds` `{ eventId, done, total }` to the seller during a cancellation.',
  "- On `watch` (and after a reconnect) the server sends the current availability, and the caller's entry if signed in, at once.",
  '',
  '## Widget',
  '',
  '`GET /widget.js` — the Lit widget as one script; put `<queuetix-ticket-widget event="ID"></queuetix-ticket-widget>` on any page. See docs/widget.md.',
];
