import { ErrorBody } from '@queuetix/contracts/common';
import { DomainError, RateLimited, Unavailable } from '../errors.js';
import type { Command, ReplyOf } from '../queue/core/index.js';
import type { RemoteOwner, RemoteQueues, RemoteRead } from '../queue/ownership.js';
import { isBatchedCommand } from './batch-wire.js';
import type { CommandBatcher } from './command-batcher.js';
import type { LeaseKeeper } from './lease-keeper.js';
import { PeerUnreachable, type PeerClient, type PeerResponse } from './peer-client.js';

export const internalPaths = {
  command: (eventId: string) => `/internal/cluster/events/${encodeURIComponent(eventId)}/command`,
  read: (eventId: string) => `/internal/cluster/events/${encodeURIComponent(eventId)}/read`,
  lease: (eventId: string) => `/internal/cluster/events/${encodeURIComponent(eventId)}/lease`,
};

/** How long the owner of an expired lease has to say it still holds the event. */
const PROBE_TIMEOUT_MS = 1_000;

/** True if the owner answers, quickly, that it holds the event under that token. */
export async function ownerHolds(peers: PeerClient, owner: RemoteOwner, eventId: string, token: number): Promise<boolean> {
  const res = await peers.send(owner.url, { method: 'GET', path: internalPaths.lease(eventId), headers: peers.peerHeaders(), timeoutMs: PROBE_TIMEOUT_MS });
  return res.status === 200 && (JSON.parse(res.body.toString('utf8')) as { token: number | null }).token === token;
}

/**
 * Commands and named reads for events whose actor runs on another instance, over internal HTTP.
 * The owner answers exactly as it would locally: a reply, or the same typed domain error.
 */
export class HttpRemoteQueues implements RemoteQueues {
  constructor(
    private readonly peers: PeerClient,
    private readonly leases: LeaseKeeper,
    /** When set, a buyer's join and leave go to the owner in batches. */
    private readonly batcher?: CommandBatcher,
  ) {}

  async command<C extends Command>(owner: RemoteOwner, eventId: string, cmd: C): Promise<ReplyOf<C['type']>> {
    // The owner answers a command of type C with ReplyOf<C['type']> (backend/src/queue/core/types.ts).
    if (this.batcher && isBatchedCommand(cmd.type)) return (await this.batcher.send(owner, eventId, cmd)) as ReplyOf<C['type']>;
    const body = await this.call(owner, eventId, internalPaths.command(eventId), { cmd });
    return (body as { reply: ReplyOf<C['type']> }).reply;
  }

  async read(owner: RemoteOwner, eventId: string, read: RemoteRead): Promise<unknown> {
    const body = await this.call(owner, eventId, internalPaths.read(eventId), read);
    return (body as { value?: unknown }).value ?? undefined;
  }

  private async call(owner: RemoteOwner, eventId: string, path: string, payload: unknown): Promise<unknown> {
    let res: PeerResponse;
    try {
      res = await this.peers.postJson(owner.url, path, payload);
    } catch (err) {
      if (!(err instanceof PeerUnreachable)) throw err;
      this.leases.forget(eventId);
      throw new Unavailable('The instance running this event is not answering; another one takes it over within seconds. Try again.');
    }
    const parsed: unknown = res.body.length ? JSON.parse(res.body.toString('utf8')) : undefined;
    if (res.status < 300) return parsed;
    throw errorFromPeer(res.status, parsed);
  }
}

/** Rebuilds the domain error the owner answered with, so callers here see what they would locally. */
export function errorFromPeer(status: number, body: unknown): Error {
  const parsed = ErrorBody.safeParse(body);
  if (!parsed.success) return new Error(`peer answered ${status}`);
  const { code, message, details } = parsed.data.error;
  if (code === 'rate_limited') return new RateLimited(Number((details as { retryAfterSec?: number })?.retryAfterSec ?? 1), message);
  return new DomainError(code, status, message, details);
}
