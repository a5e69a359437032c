import { z } from 'zod';
import { Id, IsoDate } from './common.js';

/** The audience of embed tokens: a token with it is never a site session. */
export const EMBED_AUDIENCE = 'queuetix-embed';
/** Embed tokens live this long; the widget renews one through the sign-in popup. */
export const EMBED_TOKEN_TTL_SEC = 15 * 60;

/** An origin such as https://example.com (no path), as browsers send it in `Origin`. */
export const WebOrigin = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[^/\s?#]+$/, 'must be an origin such as https://example.com (no path)');

/** POST /api/embed/token: a token for the site at `origin` to act for the caller on one event. */
export const EmbedTokenRequest = z.strictObject({ eventId: Id, origin: WebOrigin });
export type EmbedTokenRequest = z.infer<typeof EmbedTokenRequest>;

export const EmbedTokenResponse = z.object({
  token: z.string(),
  expiresAt: IsoDate,
  eventId: z.string(),
  origin: z.string(),
  user: z.object({ id: z.string(), name: z.string() }),
});
export type EmbedTokenResponse = z.infer<typeof EmbedTokenResponse>;
