import type { IncomingHttpHeaders } from 'node:http';

/**
 * The client address a socket's limits are counted against. Behind a trusted proxy, the address it
 * appended to X-Forwarded-For (the right-most entry): entries further left are the client's to
 * invent, so taking them would let a client mint fresh addresses and escape the limit.
 */
export function socketAddress(headers: IncomingHttpHeaders, remoteAddress: string, trustProxy: boolean): string {
  if (!trustProxy) return remoteAddress;
  const forwarded = headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  return list.at(-1) ?? remoteAddress;
}
