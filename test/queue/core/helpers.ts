import {
  apply,
  createState,
  entryView,
  type Command,
  type Effect,
  type EventConfig,
  type QueueState,
  type ReplyOf,
  type Result,
} from '../../../backend/src/queue/core/index.js';

export const T0 = Date.UTC(2030, 0, 1, 12);
export const MINUTE = 60_000;

export const baseConfig: EventConfig = {
  totalTickets: 10,
  maxPerBuyer: 4,
  offerWindowSec: 600,
  salesStartAt: null,
  price: 2500,
  currency: 'usd',
  cancelled: false,
};

/**
 * One event's queue driven like the actor drives it, with a fake clock: every command is applied
 * at `clock`, which tests move forward by hand.
 */
export class TestQueue {
  readonly state: QueueState = createState();
  clock = T0;
  private paymentCount = 0;

  constructor(config: Partial<EventConfig> = {}) {
    this.must({ type: 'create', eventId: 'ev1', config: { ...baseConfig, ...config } });
  }

  run<C extends Command>(cmd: C): Result<ReplyOf<C['type']>> {
    return apply(this.state, cmd, this.clock);
  }

  /** Applies a command that must succeed; returns its reply, effects and whether it changed nothing. */
  must<C extends Command>(cmd: C): { reply: ReplyOf<C['type']>; effects: Effect[]; unchanged?: true } {
    const result = this.run(cmd);
    if (!result.ok) throw new Error(`${cmd.type} failed: ${result.error.code} ${result.error.message}`);
    return result;
  }

  join(userId: string, quantity = 1) {
    return this.must({ type: 'join', entryId: `e-${userId}-${this.state.entries.length}`, userId, quantity });
  }

  /** Pays for the user's current offer, or for `entryId`'s, with a fresh payment id. */
  /** A verified payment for `entryId`'s offer, priced like the offer, with a fresh payment id. */
  pay(entryId: string, opts: { paymentId?: string; amountPaid?: number } = {}) {
    const quantity = 10;
    const paymentId = opts.paymentId ?? `pay-${++this.paymentCount}`;
    const offered = entryView(this.state, entryId)?.offeredQuantity ?? 1;
    return this.must({
      type: 'purchase',
      paymentId,
      entryId,
      offerId: `${entryId}-o`,
      amountPaid: opts.amountPaid ?? baseConfig.price * offered,
      currency: 'usd',
      ticketIds: Array.from({ length: quantity }, (_, i) => `${paymentId}-t${i}`),
      ticketCodes: Array.from({ length: quantity }, (_, i) => `${paymentId}-code${i}`),
    });
  }

  advance(ms: number) {
    this.clock += ms;
    return this.must({ type: 'expire' });
  }
}

export function effectsOfType<T extends Effect['type']>(effects: Effect[], type: T): Extract<Effect, { type: T }>[] {
  return effects.filter((effect): effect is Extract<Effect, { type: T }> => effect.type === type);
}

export function offeredEntryIds(effects: Effect[]): string[] {
  return effectsOfType(effects, 'offerMade').map((effect) => effect.entryId);
}
