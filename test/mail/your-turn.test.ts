import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, eventually, payOffer, sleep } from '../support/fixtures.js';
import { message, messagesTo, uniqueAddress } from './mailpit-client.js';
import { expectMessages, signInWithEmail } from './helpers.js';

describe('mail: "it\'s your turn", refunds, cancellation and addresses', () => {
  let api: Api;
  let seller: Api;
  before(async () => {
    api = new Api((await sharedBackend()).url);
    ({ api: seller } = await api.signIn('Turn Seller', 'seller'));
  });

  const offered = (buyer: Api, eventId: string) =>
    eventually(async () => ((await buyer.get(`/api/events/${eventId}/queue/me`)).body.status === 'offered' ? true : undefined), 10_000, 'an offer');

  it('emails "your turn" when the offer is made, to buyers who asked for it only', async () => {
    const event = await createEvent(seller, { name: 'Turn Night', totalTickets: 1, offerWindowSec: 600 });
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

    // The next buyer did not ask: their offer comes, no message.
    await asked.api.delete(`/api/events/${event.id}/queue/me`);
    await offered(quiet.api, event.id);
    await sleep(1_500);
    expect(await messagesTo(quietAddress)).to.have.length(0);
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
