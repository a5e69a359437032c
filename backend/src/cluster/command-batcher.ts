import { Unavailable } from '../errors.js';
import type { Command, Reply } from '../queue/core/index.js';
import type { RemoteOwner } from '../queue/ownership.js';
import type { BatchResult } from './batch-wire.js';
import type { LeaseKeeper } from './lease-keeper.js';
import { errorFromPeer } from './remote-queues.js';
import { PeerUnreachable, type PeerClient, type PeerResponse } from './peer-client.js';

export const BATCH_PATH = '/internal/cluster/batch';

export interface BatcherOptions {
  /** Commands per internal request at most. */
  maxBatch: number;
  /** How long the first command of a batch waits for company before the batch goes. */
  maxWaitMs: number;
}

interface Pending {
  eventId: string;
  cmd: Command;
  resolve: (reply: Reply) => void;
  reject: (err: unknown) => void;
}

/** The commands on their way to one owner: at most one request in flight, so they arrive in the order they were admitted here. */
interface Lane {
  url: string;
  queue: Pending[];
  inFlight: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * The edge's half of batched forwarding: commands this instance admitted (token verified, limits,
 * validation done) for events another instance runs are sent to that owner together, one internal
 * request per few milliseconds or per `maxBatch` commands, authenticated as every peer call is.
 * Each caller gets its own command's reply or typed error, as if the owner had answered it alone.
 * A batch lost on the way (the owner died) fails each of its commands with 503: nothing was
 * acknowledged to the buyer, who retries (a repeated join is answered with the existing entry).
 */
export class CommandBatcher {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly peers: PeerClient,
    private readonly leases: LeaseKeeper,
    private readonly stats: { forwardedBatches: number; batchedCommands: number },
    private readonly options: BatcherOptions,
  ) {}

  send(owner: RemoteOwner, eventId: string, cmd: Command): Promise<Reply> {
    let lane = this.lanes.get(owner.url);
    if (!lane) this.lanes.set(owner.url, (lane = { url: owner.url, queue: [], inFlight: false }));
    const ready = lane;
    return new Promise<Reply>((resolve, reject) => {
      ready.queue.push({ eventId, cmd, resolve, reject });
      if (ready.inFlight) return; // goes with the next batch, right after the one in flight
      if (ready.queue.length >= this.options.maxBatch) void this.flush(ready);
      else ready.timer ??= setTimeout(() => void this.flush(ready), this.options.maxWaitMs);
    });
  }

  private async flush(lane: Lane): Promise<void> {
    clearTimeout(lane.timer);
    lane.timer = undefined;
    if (lane.inFlight || lane.queue.length === 0) return;
    const batch = lane.queue.splice(0, this.options.maxBatch);
    lane.inFlight = true;
    this.stats.forwardedBatches += 1;
    this.stats.batchedCommands += batch.length;
    try {
      await this.deliver(lane.url, batch);
    } finally {
      lane.inFlight = false;
      if (lane.queue.length > 0) void this.flush(lane);
      else this.lanes.delete(lane.url);
    }
  }

  private async deliver(url: string, batch: Pending[]): Promise<void> {
    let res: PeerResponse;
    try {
      res = await this.peers.postJson(url, BATCH_PATH, { items: batch.map(({ eventId, cmd }) => ({ eventId, cmd })) });
    } catch (err) {
      if (!(err instanceof PeerUnreachable)) throw err;
      for (const eventId of new Set(batch.map((p) => p.eventId))) this.leases.forget(eventId);
      const lost = new Unavailable('The instance running this event is not answering; another one takes it over within seconds. Try again.');
      for (const p of batch) p.reject(lost);
      return;
    }
    let results: BatchResult[] | undefined;
    try {
      results = res.status === 200 ? (JSON.parse(res.body.toString('utf8')) as { results: BatchResult[] }).results : undefined;
    } catch {
      results = undefined;
    }
    if (!results || results.length !== batch.length) {
      const err = errorFromPeer(res.status, safeJson(res.body));
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i]!;
      if ('reply' in r) p.resolve(r.reply);
      else {
        if (r.status === 503) this.leases.forget(p.eventId);
        p.reject(errorFromPeer(r.status, { error: r.error }));
      }
    });
  }
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
