import { expect } from 'chai';
import { MongoClient, type CommandStartedEvent, type Db } from 'mongodb';
import { LeaseStore } from '../../backend/src/cluster/lease-store.js';
import { DomainBus } from '../../backend/src/domain-bus.js';
import { RefundJobs } from '../../backend/src/payments/cancellation/refund-jobs.js';
import { CheckoutSessions } from '../../backend/src/payments/checkout/checkout-sessions.js';
import { RefundLedger } from '../../backend/src/payments/refunds/refund-ledger.js';
import { StripeEvents } from '../../backend/src/payments/webhooks/stripe-events.js';
import { IdempotencyStore } from '../../backend/src/storage/idempotency-store.js';
import { JournalStore } from '../../backend/src/queue/persistence/journal-store.js';
import { SnapshotStore } from '../../backend/src/queue/persistence/snapshot-store.js';
import { TicketRepository } from '../../backend/src/tickets/ticket-repository.js';

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify']);
const READS = new Set(['find', 'aggregate', 'count', 'distinct']);
const DURABLE_COLLECTIONS = [
  'journal',
  'snapshot_chunks',
  'snapshot_heads',
  'event_leases',
  'tickets',
  'checkout_sessions',
  'refunds',
  'stripe_events',
  'refund_jobs',
  'idempotency_keys',
];

/**
 * Acknowledged means durable on MongoDB too: every write to the collections that hold places in
 * line and money carries w: majority, j: true, and their reads majority read concern. Checked on
 * the wire (the driver's command monitoring) against the run's FerretDB, which must accept both.
 */
describe('deploy: durable writes and majority reads', function () {
  this.timeout(60_000);
  let client: MongoClient;
  let db: Db;
  const commands: CommandStartedEvent[] = [];

  before(async () => {
    client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!, { monitorCommands: true });
    client.on('commandStarted', (event) => commands.push(event));
    await client.connect();
    db = client.db(`durable_${process.pid}_${Date.now().toString(36)}`);
  });
  after(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('sends w: majority, j: true with every money and queue write and majority read concern with their reads, and FerretDB accepts them', async () => {
    const now = new Date();
    const journal = new JournalStore(db);
    await journal.insertBatch('ev_d', [{ sequenceNumber: 1, createdAt: Date.now(), data: { type: 'joined' }, key: 'ev_d', tags: [] }], 1);
    expect(await journal.load('ev_d', 0)).to.have.length(1);

    const snapshots = new SnapshotStore(db);
    await snapshots.write('ev_d', 1, 1, Date.now(), '{"state":1}');
    expect((await snapshots.latest('ev_d'))?.sequenceNumber).to.equal(1);

    const leases = new LeaseStore(db);
    expect(
      await leases.insert({ _id: 'ev_d:1', eventId: 'ev_d', token: 1, owner: 'i1', url: '', expiresAt: new Date(Date.now() + 15_000), acquiredAt: now }),
    ).to.equal(true);
    expect((await leases.current('ev_d'))?.owner).to.equal('i1');

    const tickets = new TicketRepository(db, new DomainBus(), 1);
    await tickets.writeIssued({
      eventId: 'ev_d',
      paymentId: 'pay_d',
      userId: 'u_d',
      purchasedAt: now,
      tickets: [{ id: 'tk_d', code: 'code_d', amount: 1000, currency: 'usd' }],
    });
    expect((await tickets.byId('tk_d'))?.paymentId).to.equal('pay_d');

    const sessions = new CheckoutSessions(db);
    await sessions.insert({
      _id: 'offer_d',
      sessionId: 'cs_d',
      mode: 'demo',
      attempt: 1,
      eventId: 'ev_d',
      entryId: 'en_d',
      userId: 'u_d',
      eventName: 'Durable',
      quantity: 1,
      unitAmount: 1000,
      amount: 1000,
      fee: 10,
      currency: 'usd',
      flow: 'site',
      url: 'u',
      successUrl: 's',
      cancelUrl: 'c',
      status: 'open',
      offerExpiresAt: now,
      expiresAt: now,
      createdAt: now,
    });
    await sessions.markComplete('cs_d', 'pay_d');
    expect((await sessions.bySessionId('cs_d'))?.status).to.equal('complete');

    const webhookEvents = new StripeEvents(db);
    expect((await webhookEvents.claim('evt_d', 'checkout.session.completed')).process).to.equal(true);
    await webhookEvents.done('evt_d', 'tickets issued');
    expect((await webhookEvents.claim('evt_d', 'checkout.session.completed')).process).to.equal(false);

    const refunds = new RefundLedger(db);
    await refunds.record({ _id: 'rf_d', eventId: 'ev_d', paymentId: 'pay_d', ticketIds: ['tk_d'], amount: null, reason: 'cancelled' });
    expect(await refunds.pending()).to.have.length(1);

    const jobs = new RefundJobs(db);
    await jobs.open('ev_d', 'seller_d');
    expect((await jobs.get('ev_d'))?.status).to.equal('cancelling');

    const idempotency = new IdempotencyStore(db);
    expect((await idempotency.claim('checkout.start', 'u_d', 'key_d', 'f')).kind).to.equal('fresh');
    await idempotency.complete('checkout.start', 'u_d', 'key_d', { status: 200, body: { url: 'u' } });
    expect((await idempotency.claim('checkout.start', 'u_d', 'key_d', 'f')).kind).to.equal('replay');

    const onDurable = commands.filter((c) => DURABLE_COLLECTIONS.includes(String(c.command[c.commandName])));
    const writes = onDurable.filter((c) => WRITES.has(c.commandName));
    const reads = onDurable.filter((c) => READS.has(c.commandName));
    expect(new Set(writes.map((c) => c.command[c.commandName]))).to.deep.equal(new Set(DURABLE_COLLECTIONS));
    expect(new Set(reads.map((c) => c.command[c.commandName])).size).to.be.at.least(DURABLE_COLLECTIONS.length - 1);
    for (const write of writes)
      expect(write.command.writeConcern, `${write.commandName} ${write.command[write.commandName]}`).to.deep.equal({ w: 'majority', j: true });
    for (const read of reads) expect(read.command.readConcern, `${read.commandName} ${read.command[read.commandName]}`).to.deep.equal({ level: 'majority' });
  });
});
