import { expect } from 'chai';
import { availability, entryOfUser, entryView, paymentOf } from '../../../backend/src/queue/core/index.js';
import { effectsOfType, MINUTE, offeredEntryIds, TestQueue } from './helpers.js';

describe('queue core: purchase', () => {
  it('issues the offered tickets for a verified payment and counts them sold', () => {
    const queue = new TestQueue({ totalTickets: 5 });
    const ann = queue.join('ann', 2).reply.entry;
    const { reply, effects } = queue.pay(ann.id, { paymentId: 'pi_1', amountPaid: 5001 });

    expect(reply.duplicate).to.equal(false);
    expect(reply.payment).to.deep.equal({
      paymentId: 'pi_1',
      entryId: ann.id,
      outcome: 'issued',
      quantity: 2,
      amountPaid: 5001,
      currency: 'usd',
    });
    expect(reply.entry).to.include({ status: 'purchased', offeredQuantity: 2 });
    expect(reply.entry!.offerExpiresAt).to.equal(undefined);
    expect(effectsOfType(effects, 'ticketsIssued')).to.deep.equal([
      {
        type: 'ticketsIssued',
        paymentId: 'pi_1',
        entryId: ann.id,
        userId: 'ann',
        tickets: [
          // 5001 is not the offer's 2 × 2500: split evenly, the odd cent to the first (docs/domain.md, Money).
          { id: 'pi_1-t0', code: 'pi_1-code0', amount: 2501, currency: 'usd', typeId: 'general', typeName: 'General admission' },
          { id: 'pi_1-t1', code: 'pi_1-code1', amount: 2500, currency: 'usd', typeId: 'general', typeName: 'General admission' },
        ],
      },
    ]);
    expect(effectsOfType(effects, 'offerEnded')[0]).to.include({ reason: 'purchased' });
    expect(availability(queue.state, queue.clock)).to.include({ sold: 2, held: 0, free: 3 });
  });

  it('is idempotent by payment id: the same payment again answers the same outcome and does nothing', () => {
    const queue = new TestQueue({ totalTickets: 5 });
    const ann = queue.join('ann', 2).reply.entry;
    const first = queue.pay(ann.id, { paymentId: 'pi_1' });
    const again = queue.pay(ann.id, { paymentId: 'pi_1' });
    expect(again.effects).to.deep.equal([]);
    expect(again.reply.duplicate).to.equal(true);
    expect(again.reply.payment).to.deep.equal(first.reply.payment);
    expect(availability(queue.state, queue.clock).sold).to.equal(2);
    expect(paymentOf(queue.state, 'pi_1')).to.deep.equal(first.reply.payment);
  });

  it('refunds a second, different payment for an offer already paid', () => {
    const queue = new TestQueue({ totalTickets: 5 });
    const ann = queue.join('ann', 2).reply.entry;
    queue.pay(ann.id, { paymentId: 'pi_1' });
    const second = queue.pay(ann.id, { paymentId: 'pi_2' });
    expect(second.reply.payment).to.include({ outcome: 'refunded', reason: 'already_paid' });
    expect(effectsOfType(second.effects, 'refundPayment')).to.deep.equal([
      { type: 'refundPayment', paymentId: 'pi_2', entryId: ann.id, reason: 'already_paid' },
    ]);
    expect(availability(queue.state, queue.clock).sold).to.equal(2);
  });

  it('honours a payment that lands after its offer expired when the tickets are still free', () => {
    const queue = new TestQueue({ totalTickets: 2, offerWindowSec: 60 });
    const ann = queue.join('ann', 2).reply.entry;
    queue.advance(MINUTE);
    expect(entryView(queue.state, ann.id)!.status).to.equal('expired');

    const late = queue.pay(ann.id);
    expect(late.reply.payment.outcome).to.equal('issued');
    expect(late.reply.entry).to.include({ status: 'purchased' });
    expect(late.reply.entry!.outcome).to.match(/still free/);
    expect(effectsOfType(late.effects, 'ticketsIssued')[0]!.tickets).to.have.length(2);
    expect(availability(queue.state, queue.clock)).to.include({ sold: 2, free: 0 });
  });

  it('refunds a late payment in full when its tickets went to the next buyer, and tells the buyer', () => {
    const queue = new TestQueue({ totalTickets: 2, offerWindowSec: 60 });
    const ann = queue.join('ann', 2).reply.entry;
    queue.join('bob', 2);
    queue.advance(MINUTE);

    const late = queue.pay(ann.id, { paymentId: 'pi_late' });
    expect(late.reply.payment).to.include({ outcome: 'refunded', reason: 'tickets_gone' });
    expect(late.reply.payment.message).to.match(/refunded in full/);
    expect(late.reply.entry).to.include({ status: 'expired' });
    expect(late.reply.entry!.outcome).to.match(/tickets were gone; it is refunded in full/);
    expect(effectsOfType(late.effects, 'refundPayment')).to.deep.equal([
      { type: 'refundPayment', paymentId: 'pi_late', entryId: ann.id, reason: 'tickets_gone' },
    ]);
    expect(effectsOfType(late.effects, 'ticketsIssued')).to.deep.equal([]);
    expect(availability(queue.state, queue.clock)).to.include({ sold: 0, held: 2 });
  });

  it('honours a payment for an offer the buyer gave back, if its tickets are still free', () => {
    const queue = new TestQueue({ totalTickets: 3 });
    const ann = queue.join('ann', 3).reply.entry;
    queue.must({ type: 'leave', userId: 'ann' });
    expect(queue.pay(ann.id).reply.payment.outcome).to.equal('issued');
  });

  it('keeps a buyer within maxPerBuyer across purchases', () => {
    const queue = new TestQueue({ totalTickets: 10, maxPerBuyer: 4 });
    const first = queue.join('ann', 3).reply.entry;
    queue.pay(first.id);
    const tooMany = queue.run({ type: 'join', entryId: 'ann-2', userId: 'ann', quantity: 2 });
    expect(tooMany.ok || tooMany.error.code).to.equal('conflict');
    const oneMore = queue.join('ann', 1).reply.entry;
    queue.pay(oneMore.id);
    const full = queue.run({ type: 'join', entryId: 'ann-3', userId: 'ann', quantity: 1 });
    expect(full.ok || full.error.code).to.equal('conflict');
  });

  it('refunds a late payment that, with the place the buyer took since, would exceed maxPerBuyer', () => {
    const queue = new TestQueue({ totalTickets: 10, maxPerBuyer: 4, offerWindowSec: 60 });
    const first = queue.join('ann', 4).reply.entry;
    queue.advance(MINUTE);
    queue.join('ann', 4);
    const late = queue.pay(first.id);
    expect(late.reply.payment).to.include({ outcome: 'refunded', reason: 'over_limit' });
    expect(entryOfUser(queue.state, 'ann')).to.include({ status: 'offered', offeredQuantity: 4 });
  });

  it('refunds a payment that names no offer', () => {
    const queue = new TestQueue({ totalTickets: 0 });
    const waiting = queue.join('ann').reply.entry;
    const noOffer = queue.pay(waiting.id);
    expect(noOffer.reply.payment).to.include({ outcome: 'refunded', reason: 'no_offer', quantity: 0 });
    expect(noOffer.reply.entry).to.include({ status: 'waiting' });
    const unknown = queue.pay('no-such-entry');
    expect(unknown.reply.payment).to.include({ outcome: 'refunded', reason: 'no_offer' });
    expect(unknown.reply.entry).to.equal(undefined);
    expect(effectsOfType(unknown.effects, 'refundPayment')).to.have.length(1);
  });

  it('offers the remainder to the next head once a purchase means no live offer can free enough', () => {
    const queue = new TestQueue({ totalTickets: 5 });
    const ann = queue.join('ann', 3).reply.entry;
    const bob = queue.join('bob', 4).reply.entry;
    expect(offeredEntryIds(queue.pay(ann.id).effects)).to.deep.equal([bob.id]);
  });

  it('needs at least as many ticket ids and codes as tickets to issue', () => {
    const queue = new TestQueue({ totalTickets: 5 });
    const ann = queue.join('ann', 2).reply.entry;
    const result = queue.run({
      type: 'purchase',
      paymentId: 'pi',
      entryId: ann.id,
      offerId: ann.offerId!,
      amountPaid: 5000,
      currency: 'usd',
      ticketIds: ['t1'],
      ticketCodes: ['c1'],
    });
    expect(result.ok || result.error.code).to.equal('invalid_request');
    expect(entryView(queue.state, ann.id)!.status).to.equal('offered');
  });
});
