import type { AddressInfo } from 'node:net';
import type { BackendModule } from '../app-context.js';
import type { ClusterContext } from './cluster-context.js';
import { clusterSecret } from './cluster-secret.js';
import { CommandBatcher } from './command-batcher.js';
import { clusterPlacement, forwardingRouter } from './forwarding.js';
import { internalUrlOf, newInstanceId, workerUrlOf } from './instance.js';
import { internalRouter } from './internal-routes.js';
import { LeaseKeeper } from './lease-keeper.js';
import { LeaseStore } from './lease-store.js';
import { PeerClient } from './peer-client.js';
import type { RemoteOwner } from '../queue/ownership.js';
import { HttpRemoteQueues, ownerHolds } from './remote-queues.js';
import { TakeoverSweep } from './takeover-sweep.js';

/**
 * How long a forwarded call may stay silent before the caller answers 503: longer than the owner
 * itself may take (its actor answers within 15 s), so a slow owner is not mistaken for a dead one.
 */
const FORWARD_TIMEOUT_MS = 30_000;

/**
 * Scale-out (issue 8): every event actor runs under a lease with a fencing token; with several
 * instances (REDIS_URL set) requests are forwarded to the owner and dead owners' events are taken
 * over. Installed first, so its forwarding runs before the routes it forwards for.
 */
export const clusterModule: BackendModule = {
  name: 'cluster',
  async install(app) {
    const { config, log } = app;
    const clustered = Boolean(config.REDIS_URL);
    const instanceId = newInstanceId();
    const store = new LeaseStore(app.db.db);
    const peers = new PeerClient(await clusterSecret(app.db.db, config.CLUSTER_SECRET), instanceId, FORWARD_TIMEOUT_MS);
    const probe = (owner: RemoteOwner, eventId: string, token: number) => ownerHolds(peers, owner, eventId, token);
    const leases = new LeaseKeeper(store, { instanceId, leaseMs: config.LEASE_MS, takeOverLive: !clustered, probe, log });
    const cluster: ClusterContext = {
      clustered,
      instanceId,
      leaseMs: config.LEASE_MS,
      store,
      leases,
      peers,
      stats: { forwardedRequests: 0, forwardedBatches: 0, batchedCommands: 0 },
      log,
    };
    const batcher = new CommandBatcher(peers, leases, cluster.stats, { maxBatch: config.FORWARD_BATCH_MAX, maxWaitMs: config.FORWARD_BATCH_MS });
    app.queues.attachCluster({
      ownership: leases,
      remote: clustered ? new HttpRemoteQueues(peers, leases, config.FORWARD_BATCH_MAX > 0 ? batcher : undefined) : undefined,
    });
    const announce = () => {
      const url = app.peerServer
        ? workerUrlOf(app.peerServer.address() as AddressInfo, config.INTERNAL_URL)
        : internalUrlOf(app.httpServer.address() as AddressInfo, config.INTERNAL_URL);
      leases.setUrl(url);
      log.info({ instanceId, url, clustered, leaseMs: config.LEASE_MS }, 'cluster: instance ready');
    };

    app.leanPlacement = clusterPlacement(app, cluster);
    const sweep = clustered ? new TakeoverSweep(app.queues, store, Math.floor(config.LEASE_MS / 3), log) : undefined;
    return {
      routers: [forwardingRouter(app, cluster), internalRouter(app, cluster)],
      async start() {
        await store.ensureIndexes();
        leases.start();
        sweep?.start();
        // The server binds its port before the modules start (server.ts), so it is normally listening by now.
        if (app.httpServer.listening) announce();
        else app.httpServer.once('listening', announce);
      },
      async close() {
        sweep?.stop();
        peers.close();
      },
    };
  },
};
