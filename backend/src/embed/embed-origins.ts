import { ANY_SITE } from '@queuetix/contracts/events';

/**
 * An event's embedding rule. Queuetix's own origin is always allowed; another site only when the
 * seller listed it, or chose "any site" ('*') explicitly. An empty list keeps the event off other
 * sites altogether (the dashboard's event editor explains how to add one).
 */
export function originMayEmbed(allowedOrigins: readonly string[], origin: string, ownOrigin: string): boolean {
  const wanted = origin.toLowerCase();
  if (wanted === ownOrigin.toLowerCase()) return true;
  return allowedOrigins.some((allowed) => allowed === ANY_SITE || allowed.toLowerCase() === wanted);
}
