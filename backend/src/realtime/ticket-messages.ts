import type { Db } from 'mongodb';
import type { Ticket } from '../contracts/index.js';
import type { IssuedTicket } from '../queue/core/index.js';

/**
 * A just-issued ticket as its buyer's `ticket` push. The tickets module has written it before the
 * purchase was acknowledged (beforeAck), so this is the stored ticket: status valid, issued now.
 */
export function issuedTicketMessage(eventId: string, userId: string, ticket: IssuedTicket, issuedAt: number): Ticket {
  return {
    id: ticket.id,
    eventId,
    userId,
    status: 'valid',
    code: ticket.code,
    amount: ticket.amount,
    currency: ticket.currency,
    purchasedAt: new Date(issuedAt).toISOString(),
  };
}

interface StoredTicket {
  _id: string;
  eventId: string;
  userId: string;
  status: Ticket['status'];
  code: string;
  amount: number;
  currency: string;
  purchasedAt: Date;
}

/** A ticket whose status changed later (check-in, refund), read back for its buyer's push. */
export async function storedTicketMessage(db: Db, ticketId: string): Promise<Ticket | undefined> {
  const doc = await db.collection<StoredTicket>('tickets').findOne({ _id: ticketId });
  if (!doc) return undefined;
  return {
    id: doc._id,
    eventId: doc.eventId,
    userId: doc.userId,
    status: doc.status,
    code: doc.code,
    amount: doc.amount,
    currency: doc.currency,
    purchasedAt: new Date(doc.purchasedAt).toISOString(),
  };
}
