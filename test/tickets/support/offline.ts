/**
 * Drives an event's actor in this test process, against the database of a backend that is
 * stopped, with the tickets module's real handlers registered: the way tests issue tickets through
 * the actor's purchase command without any test-only endpoint in production code.
 */
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { EventService } from '../../../backend/src/events/event-service.js';
import { DomainBus } from '../../../backend/src/domain-bus.js';
import { EventQueues, type CriticalEffectHandler } from '../../../backend/src/queue/event-queues.js';
import { reconcileTickets, storeIssuedTickets } from '../../../backend/src/tickets/ticket-issuer.js';
import { TicketRepository } from '../../../backend/src/tickets/ticket-repository.js';
import { newTicketCode, newTicketId } from '../../../backend/src/tickets/ticket-ids.js';
import { UserRepository } from '../../../backend/src/auth/user-repository.js';

export interface OfflineApp {
  queues: EventQueues;
  tickets: TicketRepository;
  events: EventService;
  bus: DomainBus;
  client: MongoClient;
}

/** Runs `work` with in-process services on a database no server is using, then closes them. */
export interface OfflineOptions {
  feePercent?: number;
  /** Runs before the tickets are stored on each acknowledged command (a throw simulates a crash there). */
  beforeStoringTickets?: CriticalEffectHandler;
}

export async function withOfflineApp<T>(mongoUrl: string, dbName: string, work: (app: OfflineApp) => Promise<T>, opts: OfflineOptions = {}): Promise<T> {
  const client = new MongoClient(mongoUrl);
  await client.connect();
  const db = client.db(dbName);
  const log = pino({ level: 'silent' });
  const bus = new DomainBus();
  const queues = new EventQueues({ db, log, snapshotEvery: 1000, idleMs: 0 });
  const tickets = new TicketRepository(db, bus, opts.feePercent ?? 1);
  const events = new EventService({ db, queues, log });
  if (opts.beforeStoringTickets) queues.beforeAck(opts.beforeStoringTickets);
  // The buyers' names come from the users collection, as in the backend.
  const users = new UserRepository(db);
  const nameOf = (userId: string) => users.nameOf(userId);
  queues.beforeAck(storeIssuedTickets(tickets, nameOf));
  queues.onRecovered(reconcileTickets(tickets, nameOf, log));
  await tickets.ensureIndexes();
  await queues.start();
  try {
    return await work({ queues, tickets, events, bus, client });
  } finally {
    await events.close();
    await queues.close();
    await client.close();
  }
}

/** An offer a buyer holds, as their Entry shows it. */
export interface HeldOffer {
  eventId: string;
  entry: { id: string; offerId: string; offeredQuantity: number };
}

/** Pays offers through the actor's purchase command (as payments will), with fresh ticket ids and codes. */
export async function purchase(app: OfflineApp, offer: HeldOffer, amountPaid: number, currency = 'usd', paymentId = `pi_test_${newTicketId()}`) {
  const n = offer.entry.offeredQuantity;
  return app.queues.command(offer.eventId, {
    type: 'purchase',
    paymentId,
    entryId: offer.entry.id,
    offerId: offer.entry.offerId,
    amountPaid,
    currency,
    ticketIds: Array.from({ length: n }, newTicketId),
    ticketCodes: Array.from({ length: n }, newTicketCode),
  });
}
