import type { AppContext } from '../app-context.js';
import type { EmbedTokenRequest, EmbedTokenResponse } from '@queuetix/contracts/embed';
import { Forbidden, Unauthenticated } from '../errors.js';
import { originMayEmbed } from './embed-origins.js';
import type { EmbedTokens } from './embed-tokens.js';

/**
 * Issues the token a host page gets from the sign-in popup: for the caller (a site session), one
 * event, and the site that asked, if the event allows that site.
 */
export async function issueEmbedToken(app: AppContext, tokens: EmbedTokens, userId: string, request: EmbedTokenRequest): Promise<EmbedTokenResponse> {
  const event = await app.events.get(request.eventId);
  const ownOrigin = new URL(app.config.PUBLIC_URL).origin;
  if (!originMayEmbed(event.allowedOrigins, request.origin, ownOrigin)) {
    throw new Forbidden(
      event.allowedOrigins.length === 0
        ? `“${event.name}” cannot be sold on other sites: its organiser has not allowed any (they can add ${request.origin} in the event's settings)`
        : `The organiser of “${event.name}” has not allowed ${request.origin} to sell its tickets`,
    );
  }
  const user = await app.users.get(userId);
  if (!user) throw new Unauthenticated('Unknown user; sign in again');
  const { token, expiresAt } = await tokens.issue({ id: user._id, name: user.name }, { eventId: event._id, origin: request.origin });
  return { token, expiresAt: expiresAt.toISOString(), eventId: event._id, origin: request.origin, user: { id: user._id, name: user.name } };
}
