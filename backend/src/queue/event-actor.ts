import { randomBytes } from 'node:crypto';
import { dispatch } from 'nact';
import * as core from './core/index.js';
import type { Command, Effect, EntryView, QueueState, Reply, Result } from './core/index.js';

/** A command as the journal keeps it: replaying it with its `now` rebuilds the state exactly. */
export interface JournalRecord {
  cmd: Command;
  now: number;
}

type Sender = unknown;

export type ActorMessage =
  | { kind: 'command'; cmd: Command; sender: Sender }
  | { kind: 'read'; read: (state: QueueState, now: number) => unknown; sender: Sender }
  | { kind: 'timer'; sender?: Sender }
  | { kind: 'recovered'; sender: Sender };

export type ActorReply = { ok: true; value: unknown } | { ok: false; error: core.CoreError } | { ok: false; unavailable: string };

/** What the shell needs from the world; the registry provides it. */
export interface ActorHost {
  clock(): number;
  /** Awaited after a command is durable and before it is acknowledged (e.g. writing issued tickets). */
  beforeAck(eventId: string, effects: Effect[], state: QueueState): Promise<void>;
  /**
   * After acknowledgement: pushes, Stripe calls, refund jobs. Must not throw. `changedEntries` are
   * the entries this command changed as they were right after it (`state` may be further ahead:
   * later commands whose journal write is still in flight).
   */
  afterAck(eventId: string, effects: Effect[], state: QueueState, reply: Reply | undefined, changedEntries: EntryView[]): void;
  /** Called once after recovery, before the first live message. */
  recovered(eventId: string, state: QueueState): Promise<void>;
  /** The (single) timer of this actor must fire at `at` (ms), or be cleared (null). */
  armTimer(eventId: string, at: number | null): void;
  /** A journal write failed: memory is ahead of the database; the actor must be restarted. */
  broken(eventId: string, err: unknown): void;
}

interface PersistContext {
  recovering?: boolean;
  persist(msg: JournalRecord): Promise<void>;
}

const newSeed = () => randomBytes(16).toString('hex');

/** The entries a command's effects name, as they are in `state` now. */
function changedEntryViews(state: QueueState, effects: Effect[]): EntryView[] {
  const views: EntryView[] = [];
  for (const effect of effects) {
    if (effect.type !== 'entryChanged' && effect.type !== 'offerMade' && effect.type !== 'offerEnded') continue;
    const view = core.entryView(state, effect.entryId);
    if (view) views.push(view);
  }
  return views;
}

/**
 * The nact behaviour of one event: applies commands to the pure core in mailbox order, journals
 * each state-changing command (acknowledging only when durable), performs the effects, and keeps
 * the one timer that expires offers and opens sales.
 */
export function eventActorBehaviour(eventId: string, host: ActorHost) {
  const reply = (sender: Sender, value: ActorReply) => {
    if (sender) dispatch(sender as never, value);
  };

  /** Applies and journals one command; the returned promise settles when it is durable and acted on. */
  const run = (state: QueueState, cmd: Command, now: number, ctx: PersistContext, sender?: Sender): void => {
    const result: Result = core.apply(state, cmd, now);
    if (!result.ok) {
      reply(sender, { ok: false, error: result.error });
      return;
    }
    if (cmd.type === 'join' && result.reply.type === 'join' && result.reply.existing) {
      // Nothing changed: no journal entry needed.
      reply(sender, { ok: true, value: result.reply });
      return;
    }
    const effects = result.effects;
    // Taken now: by the time the command is durable, the state may include commands that are not.
    const changedEntries = changedEntryViews(state, effects);
    ctx
      .persist({ cmd, now })
      .then(async () => {
        await host.beforeAck(eventId, effects, state);
        reply(sender, { ok: true, value: result.reply });
        host.afterAck(eventId, effects, state, result.reply, changedEntries);
      })
      .catch((err: unknown) => {
        reply(sender, { ok: false, unavailable: String(err) });
        host.broken(eventId, err);
      });
  };

  /** Sales open at salesStartAt: draw the lottery first, as its own journaled command. */
  const openIfDue = (state: QueueState, now: number, ctx: PersistContext) => {
    if (core.needsOpening(state, now)) run(state, { type: 'openSales', seed: newSeed() }, now, ctx);
  };

  const armTimer = (state: QueueState) => {
    const deadline = core.nextDeadline(state);
    const opening = core.pendingOpeningAt(state);
    const candidates = [deadline, opening].filter((t): t is number => t !== null);
    host.armTimer(eventId, candidates.length ? Math.min(...candidates) : null);
  };

  return async function behaviour(state: QueueState | undefined, msg: ActorMessage | JournalRecord, ctx: PersistContext): Promise<QueueState> {
    const current = state ?? core.createState();
    if (ctx.recovering) {
      const record = msg as JournalRecord;
      const result = core.apply(current, record.cmd, record.now);
      // A journaled command succeeded when it was first applied; replay must agree.
      if (!result.ok) throw new Error(`replay of ${record.cmd.type} failed: ${result.error.message}`);
      return current;
    }
    const message = msg as ActorMessage;
    const now = host.clock();
    switch (message.kind) {
      case 'recovered': {
        await host.recovered(eventId, current);
        openIfDue(current, now, ctx);
        if (core.nextDeadline(current) !== null && core.nextDeadline(current)! <= now) run(current, { type: 'expire' }, now, ctx);
        armTimer(current);
        reply(message.sender, { ok: true, value: core.isCreated(current) });
        return current;
      }
      case 'timer': {
        openIfDue(current, now, ctx);
        const deadline = core.nextDeadline(current);
        if (deadline !== null && deadline <= now) run(current, { type: 'expire' }, now, ctx);
        armTimer(current);
        return current;
      }
      case 'command': {
        if (message.cmd.type !== 'create') openIfDue(current, now, ctx);
        run(current, message.cmd, now, ctx, message.sender);
        armTimer(current);
        return current;
      }
      case 'read': {
        try {
          reply(message.sender, { ok: true, value: message.read(current, now) });
        } catch (err) {
          reply(message.sender, { ok: false, unavailable: String(err) });
        }
        return current;
      }
    }
  };
}
