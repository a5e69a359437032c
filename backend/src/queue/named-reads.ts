import * as core from './core/index.js';
import type { QueueState } from './core/index.js';
import type { RemoteRead, WatchView } from './ownership.js';

/** The reads any instance can ask of the one running an event's actor (a closure cannot travel). */
export function namedRead(read: RemoteRead, state: QueueState, now: number): unknown {
  switch (read.kind) {
    case 'availability':
      return core.availability(state, now);
    case 'entryOfUser':
      return core.entryOfUser(state, read.userId);
    case 'watch':
      return { availability: core.availability(state, now), entry: read.userId ? core.entryOfUser(state, read.userId) : undefined } satisfies WatchView;
    case 'draw':
      return core.drawFacts(state, read.userId);
  }
}
