import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import * as core from './core/index.js';
import type { Command, Effect, EntryView, QueueState, Reply, Result } from './core/index.js';
import { reply as answer, type PersistentBehaviour, type ReplyTo } from './nact-adapter.js';

/**
 * A command as the journal keeps it: replaying it with its `now` rebuilds the state exactly.
 * Version 2 (ticket types and codes) adds commands and fields; a record without `v` is version 1,
 * whose commands mean what they meant (a join's `quantity` alone: the event's first visible type).
 */
export interface JournalRecord {
  v?: typeof JOURNAL_VERSION;
  cmd: Command;
  now: number;
}

export const JOURNAL_VERSION = 2;

/** A journal document's record as read back: a command and its time (checked, the journal is ours but outlives versions). */
export function decodeJournalRecord(data: unknown): JournalRecord {
  if (typeof data === 'object' && data !== null && 'v' in data && data.v !== JOURNAL_VERSION) {
    throw new Error(`journal record of unknown version ${String(data.v)}`);
  }
  if (typeof data === 'object' && data !== null && 'cmd' in data && 'now' in data && typeof data.now === 'number') {
    const { cmd } = data;
    if (typeof cmd === 'object' && cmd !== null && 'type' in cmd && typeof cmd.type === 'string') return { cmd: cmd as Command, now: data.now };
  }
  throw new Error('journal record without a command and its time');
}

type Sender = ReplyTo<ActorReply>;

export type ActorMessage =
  | { kind: 'command'; cmd: Command; sender: Sender }
  /** Commands another instance verified and sent together: applied in order, journaled in one write, answered together (a reply per command). */
  | { kind: 'batch'; cmds: Command[]; sender: Sender }
  | { kind: 'read'; read: (state: QueueState, now: number) => unknown; sender: Sender }
  | { kind: 'timer'; sender?: Sender }
  | { kind: 'recovered'; sender: Sender };

export type ActorReply = { ok: true; value: unknown } | { ok: false; error: core.CoreError } | { ok: false; unavailable: string };

/** What the shell needs from the world; the registry provides it. */
export interface ActorHost {
  /** Time of every command (`now`); the registry's timers use the same clock. */
  clock: Clock;
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

type Persist = (record: JournalRecord) => Promise<void>;

/** A draw's secret seed: 32 random bytes in hex (the core only commits to it and later reveals it). */
const newSeed = () => randomBytes(32).toString('hex');

/**
 * create and configure carry a fresh seed when the event might need its draw committed by them,
 * so the commitment is durable with the command that made it and is never drawn twice.
 */
function withDrawSeed(state: QueueState, cmd: Command): Command {
  if (cmd.type === 'create' && cmd.drawSeed === undefined && cmd.config?.salesStartAt != null) return { ...cmd, drawSeed: newSeed() };
  if (cmd.type === 'configure' && cmd.drawSeed === undefined && core.drawCommitmentOf(state) === null && !state.opened) {
    return { ...cmd, drawSeed: newSeed() };
  }
  return cmd;
}

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
export function eventActorBehaviour(eventId: string, host: ActorHost): PersistentBehaviour<QueueState, ActorMessage, JournalRecord> {
  const reply = (sender: Sender | undefined, value: ActorReply) => {
    if (sender) answer(sender, value);
  };

  /** Applies and journals one command; the returned promise settles when it is durable and acted on. */
  const run = (state: QueueState, cmd: Command, now: number, persist: Persist, sender?: Sender): void => {
    const result: Result = core.apply(state, cmd, now);
    if (!result.ok) {
      reply(sender, { ok: false, error: result.error });
      return;
    }
    if (result.unchanged) {
      // Nothing changed (a repeated join): no journal entry needed.
      reply(sender, { ok: true, value: result.reply });
      return;
    }
    const effects = result.effects;
    // Taken now: by the time the command is durable, the state may include commands that are not.
    const changedEntries = changedEntryViews(state, effects);
    persist({ v: JOURNAL_VERSION, cmd, now })
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

  /** An event awaiting its draw without a commitment (it got its on-sale time before commitments): commit now. */
  const commitIfNeeded = (state: QueueState, now: number, persist: Persist) => {
    if (core.needsCommitment(state)) run(state, { type: 'commitDraw', seed: newSeed() }, now, persist);
  };

  /** Sales open at salesStartAt: draw the lottery first, as its own journaled command, revealing the committed seed. */
  const openIfDue = (state: QueueState, now: number, persist: Persist) => {
    if (!core.needsOpening(state, now)) return;
    commitIfNeeded(state, now, persist);
    run(state, { type: 'openSales' }, now, persist);
  };

  const armTimer = (state: QueueState) => {
    const deadline = core.nextDeadline(state);
    const opening = core.pendingOpeningAt(state);
    host.armTimer(eventId, deadline === null ? opening : opening === null ? deadline : Math.min(deadline, opening));
  };

  return {
    replay(state, record) {
      const result = core.apply(state, record.cmd, record.now);
      // A journaled command succeeded when it was first applied; replay must agree.
      if (!result.ok) throw new Error(`replay of ${record.cmd.type} failed: ${result.error.message}`);
      return state;
    },
    async receive(state, message, persist) {
      const now = host.clock.now();
      switch (message.kind) {
        case 'recovered': {
          await host.recovered(eventId, state);
          commitIfNeeded(state, now, persist);
          openIfDue(state, now, persist);
          const deadline = core.nextDeadline(state);
          if (deadline !== null && deadline <= now) run(state, { type: 'expire' }, now, persist);
          armTimer(state);
          reply(message.sender, { ok: true, value: core.isCreated(state) });
          return state;
        }
        case 'timer': {
          openIfDue(state, now, persist);
          const deadline = core.nextDeadline(state);
          if (deadline !== null && deadline <= now) run(state, { type: 'expire' }, now, persist);
          armTimer(state);
          return state;
        }
        case 'command': {
          if (message.cmd.type !== 'create') openIfDue(state, now, persist);
          run(state, withDrawSeed(state, message.cmd), now, persist, message.sender);
          armTimer(state);
          return state;
        }
        case 'batch': {
          openIfDue(state, now, persist);
          const replies: ActorReply[] = new Array<ActorReply>(message.cmds.length);
          let left = message.cmds.length;
          if (left === 0) reply(message.sender, { ok: true, value: replies });
          message.cmds.forEach((cmd, i) => {
            // Each command persists on its own; the write queue puts all of this turn's records in one journal document.
            run(state, withDrawSeed(state, cmd), now, persist, (answer) => {
              replies[i] = answer;
              if (--left === 0) reply(message.sender, { ok: true, value: replies });
            });
          });
          armTimer(state);
          return state;
        }
        case 'read': {
          try {
            reply(message.sender, { ok: true, value: message.read(state, now) });
          } catch (err) {
            reply(message.sender, { ok: false, unavailable: String(err) });
          }
          return state;
        }
      }
    },
  };
}
