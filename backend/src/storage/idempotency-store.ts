import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from './duplicate-key.js';
import { durableCollection } from './durability.js';

/** What a request with an Idempotency-Key answered, kept to be answered again. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

interface IdempotencyDoc {
  /** Hash of scope, caller and key: one record per (endpoint, caller, key). */
  _id: string;
  scope: string;
  callerId: string;
  key: string;
  /** Hash of the request it was first used with: another request under the same key is refused. */
  fingerprint: string;
  state: 'pending' | 'done';
  answer?: StoredAnswer;
  startedAt: Date;
  doneAt?: Date;
}

export type Claim = { kind: 'fresh' } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'in-progress' } | { kind: 'different-request' };

/** A pending claim older than this is taken to be abandoned (its process died mid-request) and may be run again. */
export const ABANDONED_AFTER_MS = 60_000;

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/**
 * Idempotency keys, durably in MongoDB (`idempotency_keys`): claimed by a unique-key insert before
 * the work runs, completed with the answer after, released when the work fails (so a retry runs it
 * again). Same key + same caller + same request → the stored answer.
 */
export class IdempotencyStore {
  private readonly keys: Collection<IdempotencyDoc>;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    // Durable like the money it guards: a claim or answer lost to a fail-over would let a retry run twice.
    this.keys = durableCollection<IdempotencyDoc>(db, 'idempotency_keys');
  }

  /** The unique index that makes a key count once per caller and endpoint (the _id already does; this one is readable). */
  async ensureIndexes(): Promise<void> {
    await this.keys.createIndex({ scope: 1, callerId: 1, key: 1 }, { unique: true, name: 'scope_caller_key_unique' });
  }

  static fingerprint(request: unknown): string {
    return hash(JSON.stringify(request) ?? '');
  }

  async claim(scope: string, callerId: string, key: string, fingerprint: string): Promise<Claim> {
    const _id = hash(scope, callerId, key);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.keys.insertOne({ _id, scope, callerId, key, fingerprint, state: 'pending', startedAt: new Date(this.now()) });
        return { kind: 'fresh' };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const existing = await this.keys.findOne({ _id });
      if (!existing) continue; // released meanwhile: claim it
      if (existing.fingerprint !== fingerprint) return { kind: 'different-request' };
      if (existing.state === 'done' && existing.answer) return { kind: 'replay', answer: existing.answer };
      if (this.now() - existing.startedAt.getTime() < ABANDONED_AFTER_MS) return { kind: 'in-progress' };
      // Abandoned: remove exactly that claim; whichever retry then inserts first runs it.
      await this.keys.deleteOne({ _id, startedAt: existing.startedAt });
    }
    return { kind: 'in-progress' };
  }

  async complete(scope: string, callerId: string, key: string, answer: StoredAnswer): Promise<void> {
    await this.keys.updateOne({ _id: hash(scope, callerId, key) }, { $set: { state: 'done', answer, doneAt: new Date(this.now()) } });
  }

  async release(scope: string, callerId: string, key: string): Promise<void> {
    await this.keys.deleteOne({ _id: hash(scope, callerId, key), state: 'pending' });
  }
}
