import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';

/** This process's identity among the instances: random per process, so a restart is a new owner. */
export const newInstanceId = (): string => `i_${os.hostname().slice(0, 24)}_${process.pid}_${randomBytes(4).toString('hex')}`;

/**
 * The URL other instances use to reach this one: INTERNAL_URL when set; else the listening address,
 * or (listening on every interface, as in a container) this host's first external IPv4 address.
 */
export function internalUrlOf(address: AddressInfo, configured?: string): string {
  if (configured) return configured.replace(/\/$/, '');
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? (firstExternalIPv4() ?? '127.0.0.1') : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

function firstExternalIPv4(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/** A worker's URL (WORKERS > 1): its own peer port, on INTERNAL_URL's host when that is set. */
export function workerUrlOf(peerAddress: AddressInfo, configured?: string): string {
  if (!configured) return internalUrlOf(peerAddress);
  const url = new URL(configured);
  url.port = String(peerAddress.port);
  return url.origin;
}
