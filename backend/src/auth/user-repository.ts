import type { Collection, Db } from 'mongodb';
import { LRUCache } from 'lru-cache';
import type { Role, User } from '../contracts/auth.js';

export interface UserDoc {
  _id: string;
  name: string;
  role: Role;
  stripeConnectId?: string;
  createdAt: Date;
}

export function toUser(doc: UserDoc): User {
  return { id: doc._id, name: doc.name, role: doc.role, ...(doc.stripeConnectId ? { stripeConnectId: doc.stripeConnectId } : {}) };
}

/** Users are stored on first sight. A small cache keeps the join hot path free of user writes. */
export class UserRepository {
  private readonly users: Collection<UserDoc>;
  private readonly seen = new LRUCache<string, true>({ max: 200_000 });

  constructor(db: Db) {
    this.users = db.collection<UserDoc>('users');
  }

  async ensure(id: string, name: string | undefined, role: Role = 'buyer'): Promise<void> {
    if (this.seen.has(id)) return;
    await this.users.updateOne(
      { _id: id },
      { $setOnInsert: { name: name ?? id, role, createdAt: new Date() } },
      { upsert: true },
    );
    this.seen.set(id, true);
  }

  async upsertDevUser(id: string, name: string, role: Role): Promise<UserDoc> {
    // Dev sign-in says who you are; a seller stays a seller if they later sign in as a buyer.
    const existing = await this.users.findOne({ _id: id });
    const nextRole: Role = existing?.role === 'seller' ? 'seller' : role;
    await this.users.updateOne({ _id: id }, { $set: { name, role: nextRole }, $setOnInsert: { createdAt: new Date() } }, { upsert: true });
    this.seen.set(id, true);
    return { ...(existing ?? { createdAt: new Date() }), _id: id, name, role: nextRole };
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

  async findByIds(ids: string[]): Promise<UserDoc[]> {
    return this.users.find({ _id: { $in: ids } }).toArray();
  }
}
