import { LRUCache } from 'lru-cache';
import { Unavailable } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Claim, EventOwnership, RemoteOwner } from '../queue/ownership.js';
import type { LeaseRecord, LeaseStore } from './lease-store.js';

export interface LeaseKeeperOptions {
  instanceId: string;
  leaseMs: number;
  /**
   * Single-instance mode: take a lease even while another process holds it (it is a previous run of
   * this one that died; waiting for its lease to expire would only delay the restart). Fencing keeps
   * this safe even if a second instance was started by mistake.
   */
  takeOverLive: boolean;
  /**
   * Asks the owner of an expired lease whether it still holds the event (alive, only slow to renew
   * because the database is). Without it an expired lease is taken at once.
   */
  probe?: (owner: RemoteOwner, eventId: string, token: number) => Promise<boolean>;
  log: Logger;
  clock?: () => number;
}

/** How many times acquire() retries when another instance takes the same token at the same moment. */
const ACQUIRE_ATTEMPTS = 4;
/** How long a looked-up owner is trusted for routing before looking again. */
const OWNER_CACHE_MS = 1_000;

const leaseId = (eventId: string, token: number) => `${eventId}:${token}`;

/**
 * The leases this process holds: takes them (a fencing token per new owner), renews them every
 * lease/3, notices when one was taken over, gives them back, and tells routing who owns an event.
 */
export class LeaseKeeper implements EventOwnership {
  private readonly held = new Map<string, number>();
  private readonly lostListeners: Array<(eventId: string, token: number) => void> = [];
  private readonly owners = new LRUCache<string, { owner?: RemoteOwner }>({ max: 50_000, ttl: OWNER_CACHE_MS });
  private readonly clock: () => number;
  private url = '';
  private timer?: NodeJS.Timeout;
  private renewing?: Promise<void>;

  constructor(
    private readonly store: LeaseStore,
    private readonly options: LeaseKeeperOptions,
  ) {
    this.clock = options.clock ?? Date.now;
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  start(): void {
    this.timer = setInterval(() => void this.renew(), Math.max(200, Math.floor(this.options.leaseMs / 3)));
    this.timer.unref();
  }

  /** Once listening: other instances forward to this URL (written into every held lease at once). */
  setUrl(url: string): void {
    this.url = url;
    void this.renew();
  }

  async acquire(eventId: string): Promise<Claim> {
    for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
      const current = await this.store.current(eventId);
      const now = this.clock();
      if (current && current.owner !== this.instanceId && current.expiresAt.getTime() > now) {
        if (!this.options.takeOverLive) return { elsewhere: this.remember(eventId, current) };
        this.options.log.warn(
          { eventId, owner: current.owner },
          'taking over a live lease (single-instance mode); set REDIS_URL when running several instances',
        );
      } else if (current && current.owner !== this.instanceId && (await this.ownerStillAnswers(current, now))) {
        return { elsewhere: this.remember(eventId, current, OWNER_CACHE_MS) };
      }
      const token = (current?.token ?? 0) + 1;
      const record: LeaseRecord = {
        _id: leaseId(eventId, token),
        eventId,
        token,
        owner: this.instanceId,
        url: this.url,
        expiresAt: new Date(now + this.options.leaseMs),
        acquiredAt: new Date(now),
      };
      if (await this.store.insert(record)) {
        this.held.set(eventId, token);
        this.owners.delete(eventId);
        if (current && current.owner !== this.instanceId)
          this.options.log.info({ eventId, leaseToken: token, previousOwner: current.owner }, 'took the event over');
        void this.store.prune(eventId, token).catch((err: unknown) => this.options.log.warn({ eventId, err }, 'could not prune older leases'));
        return { token };
      }
    }
    throw new Unavailable('Another instance is taking this event over; try again in a moment');
  }

  superseded(eventId: string, token: number): Promise<boolean> {
    return this.store.hasNewer(eventId, token);
  }

  async release(eventId: string, token: number): Promise<void> {
    if (this.held.get(eventId) !== token) return;
    this.held.delete(eventId);
    await this.store.expire([leaseId(eventId, token)]);
  }

  onLost(listener: (eventId: string, token: number) => void): void {
    this.lostListeners.push(listener);
  }

  /** The live owner of an event if it is another instance (cached briefly), for routing. */
  async ownerOf(eventId: string): Promise<RemoteOwner | undefined> {
    const cached = this.owners.get(eventId);
    if (cached) return cached.owner;
    const current = await this.store.current(eventId);
    if (current && current.owner !== this.instanceId && current.expiresAt.getTime() > this.clock()) return this.remember(eventId, current);
    this.owners.set(eventId, {});
    return undefined;
  }

  cachedOwner(eventId: string): RemoteOwner | undefined {
    return this.owners.get(eventId)?.owner;
  }

  /** Routing learned that the cached owner is gone (it refused a connection): look again next time. */
  forget(eventId: string): void {
    this.owners.delete(eventId);
  }

  /** The token this process holds for the event, if it does (peers ask before taking it over). */
  heldToken(eventId: string): number | undefined {
    return this.held.get(eventId);
  }

  heldEvents(): Array<{ eventId: string; token: number }> {
    return [...this.held].map(([eventId, token]) => ({ eventId, token }));
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.renewing;
    const ids = [...this.held].map(([eventId, token]) => leaseId(eventId, token));
    this.held.clear();
    await this.store.expire(ids).catch((err) => this.options.log.warn({ err }, 'could not give leases back; they will expire'));
  }

  /** Extends every held lease, then drops those another instance has taken meanwhile. */
  renew(): Promise<void> {
    this.renewing ??= this.renewOnce().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    const entries = [...this.held];
    if (entries.length === 0) return;
    try {
      await this.store.renew(
        entries.map(([eventId, token]) => leaseId(eventId, token)),
        new Date(this.clock() + this.options.leaseMs),
        this.url,
      );
      const current = await this.store.currentOf(entries.map(([eventId]) => eventId));
      for (const [eventId, token] of entries) {
        if (current.get(eventId)?.token === token || this.held.get(eventId) !== token) continue;
        this.held.delete(eventId);
        for (const listener of this.lostListeners) listener(eventId, token);
      }
    } catch (err) {
      // Database unreachable: our writes fail as well; whoever owns the events once it is back wins.
      this.options.log.warn({ err, leases: entries.length }, 'could not renew leases');
    }
  }

  /**
   * A lease that ran out less than one lease ago, whose owner answers that it holds the event, is
   * left alone: the database was too slow for its renewals (seen on FerretDB under load: one update
   * took 11 s), which is no reason to move a live event. A dead or frozen owner does not answer, and
   * after a second lease the event is taken whatever the owner says (it cannot reach the database).
   */
  private async ownerStillAnswers(current: LeaseRecord, now: number): Promise<boolean> {
    const { probe, takeOverLive, leaseMs } = this.options;
    if (!probe || takeOverLive || now - current.expiresAt.getTime() >= leaseMs) return false;
    const answers = await probe({ instanceId: current.owner, url: current.url }, current.eventId, current.token).catch(() => false);
    if (answers)
      this.options.log.info(
        { eventId: current.eventId, owner: current.owner },
        'lease ran out but its owner still holds the event (slow renewals): not taking it over',
      );
    return answers;
  }

  private remember(eventId: string, record: LeaseRecord, minTtl = 1): RemoteOwner {
    const owner = { instanceId: record.owner, url: record.url };
    const ttl = Math.max(minTtl, Math.min(OWNER_CACHE_MS, record.expiresAt.getTime() - this.clock()));
    this.owners.set(eventId, { owner }, { ttl });
    return owner;
  }
}
