import type { Logger } from '../logger.js';
import type { Effect, EntryView, QueueState, Reply } from './core/index.js';

/** See ActorHost.afterAck: `changedEntries` are the entries the command changed, as of that command. */
export type EffectListener = (eventId: string, effects: Effect[], state: QueueState, reply: Reply | undefined, changedEntries: EntryView[]) => void;
export type CriticalEffectHandler = (eventId: string, effects: Effect[], state: QueueState) => Promise<void>;
export type RecoveryHandler = (eventId: string, state: QueueState) => Promise<void>;

/** What the other modules (tickets, payments, realtime) hang on every event actor, and how each is run. */
export class EffectHooks {
  private readonly listeners: EffectListener[] = [];
  private readonly critical: CriticalEffectHandler[] = [];
  private readonly recoveryHandlers: RecoveryHandler[] = [];

  constructor(private readonly log: Logger) {}

  onEffects(listener: EffectListener): void {
    this.listeners.push(listener);
  }
  beforeAck(handler: CriticalEffectHandler): void {
    this.critical.push(handler);
  }
  onRecovered(handler: RecoveryHandler): void {
    this.recoveryHandlers.push(handler);
  }

  /** Awaited in order before the command is acknowledged; a failure fails the command. */
  async runBeforeAck(eventId: string, effects: Effect[], state: QueueState): Promise<void> {
    for (const handler of this.critical) await handler(eventId, effects, state);
  }

  /** After acknowledgement; a listener that throws is logged and the others still run. */
  runAfterAck(eventId: string, effects: Effect[], state: QueueState, reply: Reply | undefined, changedEntries: EntryView[]): void {
    for (const listener of this.listeners) {
      try {
        listener(eventId, effects, state, reply, changedEntries);
      } catch (err) {
        this.log.error({ eventId, err }, 'effect listener failed');
      }
    }
  }

  async runRecovered(eventId: string, state: QueueState): Promise<void> {
    for (const handler of this.recoveryHandlers) await handler(eventId, state);
  }
}
