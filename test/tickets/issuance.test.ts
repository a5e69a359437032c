import { expect } from 'chai';
import fc from 'fast-check';
import { apply, createState } from '../../backend/src/queue/core/index.js';
import { platformFee as paymentFee } from '../../backend/src/payments/fees.js';
import { splitEvenly } from '../../backend/src/tickets/money.js';
import { newTicketCode, newTicketId } from '../../backend/src/tickets/ticket-ids.js';
import type { OfflineApp } from './support/offline.js';
import { purchase, withOfflineApp } from './support/offline.js';

const seller = { _id: 'issuance_seller', name: 'Issuance Seller', role: 'seller' as const, createdAt: new Date() };
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
let dbCounter = 0;
const freshDb = () => `tickets_issuance_${process.pid}_${++dbCounter}_${Date.now().toString(36)}`;

/** An event with one buyer holding an offer of `quantity` tickets, driven in process. */
async function offerOf(app: OfflineApp, quantity: number, price = 1001) {
  const event = await app.events.create(seller, {
    name: 'Issuance',
    description: '',
    location: 'Lab',
    eventDate: inDays(10),
    price,
    currency: 'usd',
    totalTickets: 10,
    maxPerBuyer: 10,
    offerWindowSec: 600,
    allowedOrigins: [],
    salesStartAt: null,
  });
  const { entry } = await app.queues.command(event.id, { type: 'join', entryId: `e_${newTicketId()}`, userId: `buyer_${quantity}`, quantity });
  expect(entry.status).to.equal('offered');
  return { eventId: event.id, entry: { id: entry.id, offerId: entry.offerId!, offeredQuantity: entry.offeredQuantity! } };
}

describe('tickets: issuing is exact and idempotent', () => {
  const mongoUrl = () => process.env.QUEUETIX_TEST_MONGODB_URL!;

  it('splits amounts and fees so each ticket can be refunded alone and the shares add up exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 1, max: 10 }), (total, parts) => {
        const shares = splitEvenly(total, parts);
        expect(shares).to.have.length(parts);
        expect(shares.reduce((a, b) => a + b, 0)).to.equal(total);
        expect(Math.max(...shares) - Math.min(...shares)).to.be.at.most(1);
      }),
    );
    expect(paymentFee(150, 1)).to.equal(2); // 1.5 rounds half up
    expect(paymentFee(149, 1)).to.equal(1);
    expect(paymentFee(0, 1)).to.equal(0);
  });

  it('splits a payment over its tickets exactly as the actor does (the reconciler relies on it)', () => {
    const state = createState();
    const now = Date.now();
    apply(
      state,
      {
        type: 'create',
        eventId: 'ev',
        config: { totalTickets: 10, maxPerBuyer: 10, offerWindowSec: 600, salesStartAt: null, price: 1, currency: 'usd', cancelled: false },
      },
      now,
    );
    apply(state, { type: 'join', entryId: 'e1', userId: 'u1', quantity: 7 }, now);
    const ids = Array.from({ length: 7 }, newTicketId);
    const result = apply(
      state,
      {
        type: 'purchase',
        paymentId: 'p',
        entryId: 'e1',
        offerId: 'e1-o',
        amountPaid: 1003,
        currency: 'usd',
        ticketIds: ids,
        ticketCodes: ids.map(newTicketCode),
      },
      now,
    );
    expect(result.ok).to.equal(true);
    const issued = result.ok ? result.effects.find((e) => e.type === 'ticketsIssued') : undefined;
    expect(issued && issued.type === 'ticketsIssued' && issued.tickets.map((t) => t.amount)).to.deep.equal(splitEvenly(1003, 7));
  });

  it('stores fee shares that add up to Math.round(amount paid × 1%)', async () => {
    await withOfflineApp(mongoUrl(), freshDb(), async (app) => {
      const offer = await offerOf(app, 3);
      const reply = await purchase(app, offer, 3050, 'usd', 'pi_fee');
      expect(reply.payment.outcome).to.equal('issued');
      const stored = await app.tickets.collection.find({ paymentId: 'pi_fee' }).toArray();
      expect(stored.map((t) => t.amount).reduce((a, b) => a + b)).to.equal(3050);
      expect(stored.map((t) => t.fee).reduce((a, b) => a + b)).to.equal(31); // Math.round(30.5)
      expect(stored.map((t) => t.seq).sort()).to.deep.equal([0, 1, 2]);
    });
  });

  it('issues tickets once when the same payment is confirmed again, and never resets their status', async () => {
    await withOfflineApp(mongoUrl(), freshDb(), async (app) => {
      const offer = await offerOf(app, 2);
      await purchase(app, offer, 2002, 'usd', 'pi_twice');
      const [first] = await app.tickets.ofPayment('pi_twice');
      expect((await app.tickets.checkIn(offer.eventId, first!.code)).result).to.equal('admitted');

      const replay = await purchase(app, offer, 2002, 'usd', 'pi_twice');
      expect(replay.duplicate).to.equal(true);
      // Even a raw replay of the effect (as after a crash) leaves the stored seats alone.
      const written = await app.tickets.writeIssued({
        eventId: offer.eventId,
        paymentId: 'pi_twice',
        userId: 'buyer_2',
        purchasedAt: new Date(),
        tickets: [0, 1].map(() => ({ id: newTicketId(), code: newTicketCode(), amount: 1001, currency: 'usd' })),
      });
      expect(written).to.equal(0);
      const after = await app.tickets.ofPayment('pi_twice');
      expect(after).to.have.length(2);
      expect(after.map((t) => t.code)).to.include(first!.code);
      expect(after.find((t) => t.id === first!.id)!.status).to.equal('used');
    });
  });

  it('writes the tickets missing after a crash between journaling a purchase and storing them', async () => {
    const dbName = freshDb();
    let offer!: Awaited<ReturnType<typeof offerOf>>;
    // The purchase becomes durable in the journal, then storing its tickets fails, as if the process died there.
    let crash = false;
    const crashOnce = async () => {
      if (crash) {
        crash = false;
        throw new Error('simulated crash before the tickets were stored');
      }
    };
    await withOfflineApp(
      mongoUrl(),
      dbName,
      async (app) => {
        offer = await offerOf(app, 3, 1000);
        crash = true;
        const outcome = await purchase(app, offer, 2999, 'usd', 'pi_crash').then(
          () => 'acknowledged',
          (err: Error) => err.name,
        );
        expect(outcome).to.equal('Unavailable');
        expect(await app.tickets.countByPayment('pi_crash')).to.equal(0);
      },
      { beforeStoringTickets: crashOnce },
    );
    // A new process recovers the actor from its journal and stores what is missing.
    await withOfflineApp(mongoUrl(), dbName, async (app) => {
      const availability = await app.queues.availability(offer.eventId);
      expect(availability.sold).to.equal(3);
      const tickets = await app.tickets.collection.find({ paymentId: 'pi_crash' }).sort({ seq: 1 }).toArray();
      expect(tickets.map((t) => t.amount)).to.deep.equal([1000, 1000, 999]);
      expect(tickets.map((t) => t.fee).reduce((a, b) => a + b)).to.equal(30);
      expect(tickets.every((t) => t.status === 'valid' && t.userId === 'buyer_3')).to.equal(true);
      // The payment's retry (a webhook delivered again) now finds its tickets.
      const retry = await purchase(app, offer, 2999, 'usd', 'pi_crash');
      expect(retry.duplicate).to.equal(true);
      expect(await app.tickets.countByPayment('pi_crash')).to.equal(3);
    });
    // Recovering again finds nothing missing and writes nothing.
    await withOfflineApp(mongoUrl(), dbName, async (app) => {
      await app.queues.availability(offer.eventId);
      expect(await app.tickets.countByEvent(offer.eventId)).to.equal(3);
    });
  });
});
