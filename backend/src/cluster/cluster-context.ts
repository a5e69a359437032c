import type { Logger } from '../logger.js';
import type { LeaseKeeper } from './lease-keeper.js';
import type { LeaseStore } from './lease-store.js';
import type { PeerClient } from './peer-client.js';

/** What the cluster module's parts share. */
export interface ClusterContext {
  /** Several instances (REDIS_URL set): leases are respected and calls forwarded to owners. */
  clustered: boolean;
  instanceId: string;
  leaseMs: number;
  store: LeaseStore;
  leases: LeaseKeeper;
  peers: PeerClient;
  /** forwardedRequests: whole requests proxied to owners; forwardedBatches / batchedCommands: admitted commands sent in batches. */
  stats: { forwardedRequests: number; forwardedBatches: number; batchedCommands: number };
  log: Logger;
}
