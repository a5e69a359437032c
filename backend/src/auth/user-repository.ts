import type { Collection, Db } from 'mongodb';
import { LRUCache } from 'lru-cache';
import type { Role, User } from '@queuetix/contracts/auth';
import { DEFAULT_WRITE_DEADLINE_MS, withDeadline } from '../storage/deadline.js';
import { onlyDuplicateKeys } from '../storage/duplicate-key.js';
import { Linger, type LingerOptions } from '../storage/linger.js';

export interface UserDoc {
  _id: string;
  name: string;
  role: Role;
  stripeConnectId?: string;
  /** Where tickets are emailed: from the identity provider on first sight, or chosen by the user. */
  email?: string;
  createdAt: Date;
}

export function toUser(doc: UserDoc): User {
  return {
    id: doc._id,
    name: doc.name,
    role: doc.role,
    ...(doc.stripeConnectId ? { stripeConnectId: doc.stripeConnectId } : {}),
    ...(doc.email ? { email: doc.email } : {}),
  };
}

/**
 * Users are stored on first sight. A cache keeps known users off the hot path, and first sightings
 * arriving together are written in one bulk insert (a rush of new buyers is thousands a second),
 * one at a time, lingering like the journal while sightings keep coming (storage/linger.ts).
 */
export class UserRepository {
  private readonly users: Collection<UserDoc>;
  /** Users known to be stored, with the name this process knows them by (tickets keep it: nameOf). */
  private readonly seen = new LRUCache<string, string>({ max: 200_000 });
  private pending = new Map<string, { name?: string; role: Role; email?: string; waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> }>();
  private flushing = false;
  private readonly linger: Linger;

  /** A batch that takes longer fails its waiters (503), so one stuck insert cannot stall every later sign-in. */
  constructor(
    db: Db,
    private readonly writeDeadlineMs = DEFAULT_WRITE_DEADLINE_MS,
    linger: Partial<LingerOptions> = {},
  ) {
    this.users = db.collection<UserDoc>('users');
    this.linger = new Linger(linger);
  }

  ensure(id: string, name: string | undefined, role: Role = 'buyer', email?: string): Promise<void> {
    if (this.seen.has(id)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const entry = this.pending.get(id) ?? { name, role, ...(email ? { email } : {}), waiters: [] };
      entry.waiters.push({ resolve, reject });
      this.pending.set(id, entry);
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.size > 0) {
      const linger = this.linger.beforeWrite(this.pending.size);
      if (linger) await linger;
      const batch = this.pending;
      this.pending = new Map();
      const docs = [...batch].map(([id, u]) => ({ _id: id, name: u.name ?? id, role: u.role, ...(u.email ? { email: u.email } : {}), createdAt: new Date() }));
      try {
        // Plain inserts with duplicates ignored: what an upsert with $setOnInsert does, but on FerretDB
        // ~50× faster (an upsert there is a read and a write per document: ~10 ms each in a rush).
        const insert = this.users.insertMany(docs, { ordered: false }).catch((err: unknown) => {
          if (!onlyDuplicateKeys(err)) throw err;
        });
        await withDeadline(insert, this.writeDeadlineMs, `storing ${docs.length} new users`);
        this.linger.written();
        for (const [id, u] of batch) {
          this.seen.set(id, u.name ?? id);
          for (const w of u.waiters) w.resolve();
        }
      } catch (err) {
        for (const u of batch.values()) for (const w of u.waiters) w.reject(err);
      }
    }
    this.flushing = false;
  }

  async upsertDevUser(id: string, name: string, role: Role, email?: string): Promise<UserDoc> {
    // Dev sign-in says who you are; a seller stays a seller if they later sign in as a buyer.
    const existing = await this.users.findOne({ _id: id });
    const nextRole: Role = existing?.role === 'seller' ? 'seller' : role;
    await this.users.updateOne(
      { _id: id },
      { $set: { name, role: nextRole, ...(email ? { email } : {}) }, $setOnInsert: { createdAt: new Date() } },
      { upsert: true },
    );
    this.seen.set(id, name);
    return { ...(existing ?? { createdAt: new Date() }), _id: id, name, role: nextRole, ...(email ? { email } : {}) };
  }

  /** Where this user's tickets go from now on. */
  async setEmail(id: string, email: string): Promise<void> {
    await this.users.updateOne({ _id: id }, { $set: { email } });
  }

  /** Takes the identity provider's address for a user who has none yet (first sight was before it was known). */
  async adoptEmail(id: string, email: string): Promise<void> {
    await this.users.updateOne({ _id: id, email: { $exists: false } }, { $set: { email } });
  }

  get(id: string): Promise<UserDoc | null> {
    return this.users.findOne({ _id: id });
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.users.updateOne({ _id: id }, { $set: { role } });
  }

  async setStripeConnectId(id: string, accountId: string): Promise<void> {
    await this.users.updateOne({ _id: id }, { $set: { stripeConnectId: accountId, role: 'seller' } });
  }

  /**
   * A buyer's name for their tickets (the seller's sales pages read it there). In a rush the buyer
   * signed in moments ago through this process, so it is known without a read; otherwise one
   * indexed look-up. Undefined for a user never stored.
   */
  async nameOf(id: string): Promise<string | undefined> {
    const known = this.seen.get(id);
    if (known !== undefined) return known;
    const doc = await this.users.findOne({ _id: id }, { projection: { name: 1 } });
    return doc?.name;
  }

  async findByIds(ids: string[]): Promise<UserDoc[]> {
    return this.users.find({ _id: { $in: ids } }).toArray();
  }
}
