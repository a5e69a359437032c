import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { loadQueueState } from '../../backend/src/queue/audit.js';
import { Api } from '../support/api.js';
import { sharedBackend, type Backend } from '../support/backend.js';
import { formatTime } from '../../backend/src/mail/format.js';
import { createEvent, eventually, payOffer, sleep } from '../support/fixtures.js';
import { message, messagesTo, uniqueAddress } from './mailpit-client.js';
import { expectMessages, signInWithEmail } from './helpers.js';

describe('mail: "it\'s your turn", refunds, cancellation and addresses', () => {
  let api: Api;
  let seller: Api;
  let backend: Backend;
  before(async () => {
    backend = await sharedBackend();
    api = new Api(backend.url);
    ({ api: seller } = await api.signIn('Turn Seller', 'seller'));
  });

  const offered = (buyer: Api, eventId: string) =>
    eventually(async () => ((await buyer.get(`/api/events/${eventId}/queue/me`)).body.status === 'offered' ? true : undefined), 10_000, 'an offer');

  it('emails "your turn" when the offer is made, to buyers who asked for it only, with the deadline in the venue\'s time zone', async () => {
    const event = await createEvent(seller, { name: 'Turn Night', totalTickets: 1, offerWindowSec: 600, timeZone: 'Asia/Tokyo' });
    const first = await signInWithEmail(api, 'First', uniqueAddress('first'));
    expect((await first.api.post(`/api/events/${event.id}/queue`, { quantity: 1 })).body.status).to.equal('offered');

    const askedAddress = uniqueAddress('asked');
    const quietAddress = uniqueAddress('quiet');
    const asked = await signInWithEmail(api, 'Asked', askedAddress);
    const quiet = await signInWithEmail(api, 'Quiet', quietAddress);
    const askedJoin = await asked.api.post(`/api/events/${event.id}/queue`, { quantity: 1, notifyByEmail: true });
    expect(askedJoin.status).to.equal(201);
    expect(askedJoin.body.status).to.equal('waiting');
    expect((await quiet.api.post(`/api/events/${event.id}/queue`, { quantity: 1 })).status).to.equal(201);
    // Nothing yet: waiting is not their turn.
    await sleep(800);
    expect(await messagesTo(askedAddress)).to.have.length(0);

    await first.api.delete(`/api/events/${event.id}/queue/me`);
    await offered(asked.api, event.id);
    const [turn] = await expectMessages(askedAddress, 1);
    const mail = await message(turn!.ID);
    expect(mail.Subject).to.equal("It's your turn: Turn Night");
    expect(mail.Text).to.include(`/events/${event.id}`).and.include('1 ticket is held for you');
    const deadline = new Date((await asked.api.get(`/api/events/${event.id}/queue/me`)).body.offerExpiresAt);
    expect(mail.Text)
      .to.include(`Pay before ${formatTime(deadline, 'Asia/Tokyo')}`)
      .and.include('GMT+9');

    // The next buyer did not ask: their offer comes, no message.
    await asked.api.delete(`/api/events/${event.id}/queue/me`);
    await offered(quiet.api, event.id);
    await sleep(1_500);
    expect(await messagesTo(quietAddress)).to.have.length(0);
  });

  it('emails a buyer who asked only when joining again, and keeps that ask in the journal', async () => {
    const event = await createEvent(seller, { name: 'Second Thoughts', totalTickets: 1, offerWindowSec: 600 });
    const first = await signInWithEmail(api, 'Holder', uniqueAddress('holder'));
    await first.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    const address = uniqueAddress('second-thoughts');
    const late = await signInWithEmail(api, 'Second Thoughts', address);
    const joined = await late.api.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    expect(joined.status).to.equal(201);
    const again = await late.api.post(`/api/events/${event.id}/queue`, { quantity: 1, notifyByEmail: true });
    expect(again.status).to.equal(200);
    expect(again.body.id).to.equal(joined.body.id);
    expect(again.body.position).to.equal(joined.body.position);

    // The ask is part of the event's state as the journal rebuilds it, so a new owner knows it too.
    const client = new MongoClient(process.env.QUEUETIX_TEST_MONGODB_URL!);
    try {
      const state = await loadQueueState(client.db(backend.dbName), event.id, pino({ level: 'silent' }));
      expect(state.byId.get(joined.body.id)?.turnEmail).to.equal(true);
    } finally {
      await client.close();
    }

    await first.api.delete(`/api/events/${event.id}/queue/me`);
    await offered(late.api, event.id);
    const [turn] = await expectMessages(address, 1);
    expect(turn!.Subject).to.equal("It's your turn: Second Thoughts");
  });

  it('refuses "email me" without an address, and bad addresses, changing nothing', async () => {
    const event = await createEvent(seller, { totalTickets: 5 });
    const { api: noMail } = await api.signIn('No Mail', 'buyer');
    const refused = await noMail.post(`/api/events/${event.id}/queue`, { quantity: 1, notifyByEmail: true });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('conflict');
    expect((await noMail.get(`/api/events/${event.id}/queue/me`)).status).to.equal(404);

    for (const email of ['not-an-address', 'a@', '', 'x'.repeat(250) + '@example.test']) {
      const res = await noMail.request('PUT', '/api/me/email', { email });
      expect(res.status, email).to.equal(400);
      expect(res.body.error.code).to.equal('invalid_request');
    }
    expect((await noMail.get('/api/me')).body.user.email).to.equal(undefined);
    const badSignIn = await api.post('/api/dev/sign-in', { name: 'Bad', role: 'buyer', email: 'nope' });
    expect(badSignIn.status).to.equal(400);
  });

  it('sends tickets where the buyer says, once they change the address', async () => {
    const event = await createEvent(seller, { name: 'Moved Night', totalTickets: 5 });
    const oldAddress = uniqueAddress('old');
    const newAddress = uniqueAddress('new');
    const { api: buyer } = await signInWithEmail(api, 'Mover', oldAddress);
    expect((await buyer.get('/api/me')).body.user.email).to.equal(oldAddress);
    const changed = await buyer.request('PUT', '/api/me/email', { email: newAddress });
    expect(changed.status).to.equal(200);
    expect(changed.body.user.email).to.equal(newAddress);
    await buyer.post(`/api/events/${event.id}/queue`, { quantity: 1 });
    await offered(buyer, event.id);
    await payOffer(buyer, event.id);
    await expectMessages(newAddress, 1);
    expect(await messagesTo(oldAddress)).to.have.length(0);
  });

  it('tells each buyer of a cancelled event the amount refunded, and the seller when refunds are complete', async () => {
    const sellerAddress = uniqueAddress('seller');
    const { api: owner } = await signInWithEmail(api, 'Cancelling Seller', sellerAddress, 'seller');
    const event = await createEvent(owner, { name: 'Cancelled Night', price: 2000, totalTickets: 5 });
    const buyerAddress = uniqueAddress('refunded');
    const { api: buyer } = await signInWithEmail(api, 'Refunded Buyer', buyerAddress);
    await buyer.post(`/api/events/${event.id}/queue`, { quantity: 2 });
    await offered(buyer, event.id);
    await payOffer(buyer, event.id);
    await expectMessages(buyerAddress, 1);

    expect((await owner.post(`/api/events/${event.id}/cancel`)).status).to.equal(200);
    const messages = await expectMessages(buyerAddress, 2);
    const refund = await message(messages.find((m) => m.Subject.startsWith('Refund'))!.ID);
    expect(refund.Subject).to.equal('Refund of US$40.00: Cancelled Night');
    expect(refund.Text).to.include('the event was cancelled');
    const [done] = await expectMessages(sellerAddress, 1);
    expect(done!.Subject).to.equal('Cancelled Night is cancelled and every buyer refunded');
    expect((await message(done!.ID)).Text).to.include('2 tickets were refunded in full');
  });
});
