import type { IncomingHttpHeaders } from 'node:http';

/**
 * The client address a socket's limits are counted against, by the same rule as Koa's ctx.ip
 * (http/app.ts): behind `proxyHops` proxies of ours, the X-Forwarded-For entry that many hops from
 * the right (what our own proxies appended). Entries further left are the client's to invent, so
 * taking them would let a client mint fresh addresses and escape the limit.
 */
export function socketAddress(headers: IncomingHttpHeaders, remoteAddress: string, proxyHops: number): string {
  if (proxyHops <= 0) return remoteAddress;
  const forwarded = headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.slice(-proxyHops)[0] ?? remoteAddress;
}
