import { LRUCache } from 'lru-cache';
import type { Collection, Db } from 'mongodb';
import { canonicalTicketCode } from '@queuetix/contracts/ticket-code';
import type { Ticket } from '@queuetix/contracts/tickets';
import type { DomainBus } from '../domain-bus.js';
import { KeyedLock } from '../storage/keyed-lock.js';
import { platformFee } from '../payments/fees.js';
import { splitByAmount } from './money.js';
import { ticketJson, type TicketDoc } from './ticket-doc.js';
import { durableCollection } from '../storage/durability.js';
import { GroupedInserts } from '../storage/grouped-inserts.js';

/** What a payment issued, as the actor's ticketsIssued effect says it. */
export interface IssuedTickets {
  eventId: string;
  paymentId: string;
  userId: string;
  /** Kept on each ticket for the seller's pages (order records keep the name the buyer bought under). */
  buyerName?: string;
  tickets: {
    id: string;
    code: string;
    amount: number;
    currency: string;
    typeId?: string;
    typeName?: string;
    discountCode?: string;
    discountCodeId?: string;
    discount?: number;
    accessCodeId?: string;
  }[];
  purchasedAt: Date;
}

/** A ticket as the refund job needs it. */
export interface RefundableTicket {
  id: string;
  eventId: string;
  userId: string;
  paymentId: string;
  amount: number;
  currency: string;
}

export type CheckInResult = 'admitted' | 'already_used' | 'refunded' | 'not_found' | 'wrong_event';

/**
 * The `tickets` collection. Writes are idempotent by (paymentId, seq), so replays never duplicate a
 * ticket or reset its status; status changes are conditional (valid → used | refunded).
 */
export class TicketRepository {
  readonly collection: Collection<TicketDoc>;
  private readonly inserts: GroupedInserts<TicketDoc>;
  private readonly lock = new KeyedLock();
  /**
   * The tickets this process stored moments ago, by payment, exactly as a read would return them:
   * the purchase's answer and the buyer's push both want them at once, and in a rush each read
   * back is a database round trip per payment. Any change to a ticket empties it (changed()).
   */
  private readonly justIssued = new LRUCache<string, Ticket[]>({ max: 10_000, ttl: 10_000 });

  constructor(
    db: Db,
    private readonly bus: DomainBus,
    private readonly feePercent: number,
  ) {
    this.collection = durableCollection<TicketDoc>(db, 'tickets');
    this.inserts = new GroupedInserts(this.collection);
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ code: 1 }, { unique: true });
    await this.collection.createIndex({ paymentId: 1, seq: 1 }, { unique: true });
    await this.collection.createIndex({ eventId: 1, status: 1 });
    await this.collection.createIndex({ userId: 1, purchasedAt: -1 });
  }

  /**
   * Stores a payment's tickets. Seats already stored (same payment and seq) are left exactly as
   * they are, whatever their id, code or status. Returns how many were new.
   */
  async writeIssued(issued: IssuedTickets): Promise<number> {
    const { tickets } = issued;
    if (tickets.length === 0) return 0;
    const amountPaid = tickets.reduce((sum, t) => sum + t.amount, 0);
    const fees = splitByAmount(
      platformFee(amountPaid, this.feePercent),
      tickets.map((t) => t.amount),
    );
    const docs: TicketDoc[] = tickets.map((ticket, seq) => ({
      _id: ticket.id,
      eventId: issued.eventId,
      userId: issued.userId,
      ...(issued.buyerName !== undefined ? { buyerName: issued.buyerName } : {}),
      paymentId: issued.paymentId,
      seq,
      orderSize: tickets.length,
      code: ticket.code,
      amount: ticket.amount,
      ...(ticket.typeId ? { typeId: ticket.typeId, typeName: ticket.typeName ?? ticket.typeId } : {}),
      ...(ticket.discountCode ? { discountCode: ticket.discountCode, discountCodeId: ticket.discountCodeId, discount: ticket.discount ?? 0 } : {}),
      ...(ticket.accessCodeId ? { accessCodeId: ticket.accessCodeId } : {}),
      fee: fees[seq]!,
      currency: ticket.currency,
      status: 'valid' as const,
      purchasedAt: issued.purchasedAt,
    }));
    // Plain inserts; a seat already stored is refused by the unique (paymentId, seq) and left as
    // it is: a concurrent writer stored it first. (An upsert filtered on (paymentId, seq) means the
    // same, but on FerretDB it scans the collection for every new seat: 40 ms each at 10,000
    // tickets, which stalled an on-sale.) Grouped with the other payments acknowledged meanwhile.
    const { inserted } = await this.inserts.insert(docs);
    if (inserted === docs.length)
      this.justIssued.set(
        issued.paymentId,
        docs.map((doc) => ticketJson(doc)),
      );
    return inserted;
  }

  byId(id: string): Promise<TicketDoc | null> {
    return this.collection.findOne({ _id: id });
  }

  /** A new-style code however it was typed (case, dashes, look-alikes); an old one exactly as issued. */
  async byCode(code: string): Promise<TicketDoc | null> {
    const canonical = canonicalTicketCode(code);
    if (!canonical || canonical === code) return this.collection.findOne({ code });
    // Two look-ups on the unique code index side by side, not one `$in`: the embedded FerretDB does
    // not push `$in` down and would read every ticket for each typed code (docs/database.md).
    const [exact, typed] = await Promise.all([this.collection.findOne({ code }), this.collection.findOne({ code: canonical })]);
    return exact ?? typed;
  }

  async listByUser(userId: string, page: number, pageSize: number, eventId?: string): Promise<{ items: TicketDoc[]; total: number }> {
    const filter = eventId ? { userId, eventId } : { userId };
    const [items, total] = await Promise.all([
      this.collection
        .find(filter)
        .sort({ purchasedAt: -1, paymentId: 1, seq: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .toArray(),
      this.collection.countDocuments(filter),
    ]);
    return { items, total };
  }

  ofEvent(eventId: string): Promise<TicketDoc[]> {
    return this.collection.find({ eventId }).sort({ purchasedAt: 1, _id: 1 }).toArray();
  }

  countByEvent(eventId: string): Promise<number> {
    return this.collection.countDocuments({ eventId });
  }

  /** The door's numbers: tickets checked in, and tickets that admit someone (valid or used). */
  async doorCount(eventId: string): Promise<{ admitted: number; sold: number }> {
    const [admitted, sold] = await Promise.all([
      this.collection.countDocuments({ eventId, status: 'used' }),
      this.collection.countDocuments({ eventId, status: { $in: ['valid', 'used'] } }),
    ]);
    return { admitted, sold };
  }

  /** Tickets stored per payment of an event. */
  async countsByPayment(eventId: string): Promise<Map<string, number>> {
    const rows = await this.collection
      .aggregate<{ _id: string; n: number }>([{ $match: { eventId } }, { $group: { _id: '$paymentId', n: { $sum: 1 } } }])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  /** The tickets of several events (a page of the seller's dashboard), grouped by event (every id present, possibly with none). */
  async ofEvents(eventIds: string[]): Promise<Map<string, TicketDoc[]>> {
    const ids = [...new Set(eventIds)];
    // One find per event on its index, side by side, not one `$in`: the embedded FerretDB answers
    // an `$in` by reading every ticket of every event (docs/database.md).
    const lists = await Promise.all(ids.map((id) => this.ofEvent(id)));
    return new Map(ids.map((id, k): [string, TicketDoc[]] => [id, lists[k]!]));
  }

  /** Admits a ticket once: the first scan turns it from valid to used; later scans say why not. */
  async checkIn(eventId: string, code: string, door?: string, now = new Date()): Promise<{ result: CheckInResult; ticket?: TicketDoc }> {
    const found = await this.byCode(code);
    if (!found) return { result: 'not_found' };
    if (found.eventId !== eventId) return { result: 'wrong_event' };
    return this.lock.run(found._id, async () => {
      const admitted = await this.collection.findOneAndUpdate(
        { _id: found._id, status: 'valid' },
        { $set: { status: 'used', usedAt: now, ...(door ? { door } : {}) } },
        { returnDocument: 'after' },
      );
      if (admitted) {
        this.changed(admitted);
        return { result: 'admitted' as const, ticket: admitted };
      }
      const current = (await this.byId(found._id)) ?? found;
      return { result: current.status === 'refunded' ? ('refunded' as const) : ('already_used' as const), ticket: current };
    });
  }

  /**
   * The group size of each payment among these tickets that stored none (tickets written before
   * orderSize was recorded): counted from the payment's tickets.
   */
  async orderSizes(docs: TicketDoc[]): Promise<Map<string, number>> {
    const unknown = [...new Set(docs.filter((d) => !d.orderSize).map((d) => d.paymentId))];
    const sizes = new Map(docs.filter((d) => d.orderSize).map((d) => [d.paymentId, d.orderSize!]));
    if (unknown.length === 0) return sizes;
    const rows = await this.collection
      .aggregate<{ _id: string; n: number }>([{ $match: { paymentId: { $in: unknown } } }, { $group: { _id: '$paymentId', n: { $sum: 1 } } }])
      .toArray();
    for (const row of rows) sizes.set(row._id, row.n);
    return sizes;
  }

  // --- what payments uses (payments/ports.ts TicketsPort) ---

  /** The tickets a payment issued, as the API shows them. */
  async ofPayment(paymentId: string): Promise<Ticket[]> {
    const docs = await this.collection.find({ paymentId }).sort({ seq: 1 }).toArray();
    return docs.map((doc) => ticketJson(doc, undefined, doc.orderSize ?? docs.length));
  }

  /** The tickets a payment has just issued: as this process stored them moments ago (no read), else as ofPayment reads them. */
  async justIssuedOf(paymentId: string): Promise<Ticket[]> {
    return this.justIssued.get(paymentId) ?? this.ofPayment(paymentId);
  }

  countByPayment(paymentId: string): Promise<number> {
    return this.collection.countDocuments({ paymentId });
  }

  /** Every paid ticket of an event not yet refunded, valid or already checked in (what a cancellation must refund). */
  async listRefundable(eventId: string): Promise<RefundableTicket[]> {
    const docs = await this.collection
      .find({ eventId, status: { $in: ['valid', 'used'] } })
      .sort({ purchasedAt: 1, _id: 1 })
      .toArray();
    return docs.map((d) => ({ id: d._id, eventId: d.eventId, userId: d.userId, paymentId: d.paymentId, amount: d.amount, currency: d.currency }));
  }

  /** Marks tickets refunded; ones already refunded stay as they are. */
  async markRefunded(ticketIds: string[], refundId: string, now = new Date()): Promise<void> {
    for (const id of ticketIds) {
      await this.lock.run(id, async () => {
        const updated = await this.collection.findOneAndUpdate(
          { _id: id, status: { $ne: 'refunded' } },
          { $set: { status: 'refunded', refundedAt: now, refundId } },
          { returnDocument: 'after' },
        );
        if (updated) this.changed(updated);
      });
    }
  }

  private changed(doc: TicketDoc): void {
    this.justIssued.clear();
    this.bus.emit('ticketChanged', { ticketId: doc._id, userId: doc.userId, eventId: doc.eventId });
  }
}
