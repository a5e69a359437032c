/**
 * What EventQueues needs when several backend instances share the events (cluster/ provides it):
 * who may run an event's actor, and how to reach the instance that does.
 */
import { Unavailable } from '../errors.js';
import type { Availability, Command, EntryView, ReplyOf } from './core/index.js';

/** Another live instance, reachable over internal HTTP. */
export interface RemoteOwner {
  instanceId: string;
  url: string;
}

export type Claim = { token: number } | { elsewhere: RemoteOwner };

export interface EventOwnership {
  /** Takes the event's lease for this process (a fencing token), or says which instance holds it. */
  acquire(eventId: string): Promise<Claim>;
  /** The other instance known (from a recent look-up, no I/O) to run the event, if any. */
  cachedOwner(eventId: string): RemoteOwner | undefined;
  /** True once an owner newer than `token` exists (the holder of `token` must stop writing). */
  superseded(eventId: string, token: number): Promise<boolean>;
  /** Gives the lease back (idle stop, a failed start). */
  release(eventId: string, token: number): Promise<void>;
  /** Called when renewing finds a lease taken over: the actor must stop at once. */
  onLost(listener: (eventId: string, token: number) => void): void;
  /** Stops renewing and gives back every lease (shutdown, after the journal is flushed). */
  close(): Promise<void>;
}

/** The reads another instance can answer for an event it runs (a closure cannot travel). */
export type RemoteRead =
  { kind: 'availability' } | { kind: 'entryOfUser'; userId: string } | { kind: 'watch'; userId?: string } | { kind: 'draw'; userId?: string };

export interface WatchView {
  availability: Availability;
  entry?: EntryView;
}

export interface RemoteQueues {
  command<C extends Command>(owner: RemoteOwner, eventId: string, cmd: C): Promise<ReplyOf<C['type']>>;
  read(owner: RemoteOwner, eventId: string, read: RemoteRead): Promise<unknown>;
}

/** The event's actor runs on another instance: forward there, or (for a closure read) answer 503. */
export class OwnedElsewhere extends Unavailable {
  constructor(
    readonly eventId: string,
    readonly owner: RemoteOwner,
  ) {
    super('This event is served by another instance right now; try again in a moment');
  }
}
