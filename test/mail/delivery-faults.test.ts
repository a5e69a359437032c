import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend, startBackend } from '../support/backend.js';
import { createEvent, eventually, payOffer, sleep } from '../support/fixtures.js';
import { testMailServer } from '../support/hooks.js';
import { message, messagesTo, uniqueAddress } from './mailpit-client.js';
import { expectMessages, signInWithEmail } from './helpers.js';
import { startSmtpStallProxy } from './smtp-stall-proxy.js';

/** A buyer with an address who holds a paid ticket of the event. */
async function paidBuyer(api: Api, eventId: string, name: string): Promise<string> {
  const address = uniqueAddress(name);
  const { api: buyer } = await signInWithEmail(api, name, address);
  await buyer.post(`/api/events/${eventId}/queue`, { quantity: 1 });
  await eventually(async () => ((await buyer.get(`/api/events/${eventId}/queue/me`)).body.status === 'offered' ? true : undefined), 10_000, 'an offer');
  await payOffer(buyer, eventId);
  return address;
}

describe('mail: delivery through faults (SMTP down, a crash mid-send, two instances)', () => {
  it('holds messages while SMTP is down for 10 s and delivers each once when it is back; the API is unaffected', async () => {
    const api = new Api((await sharedBackend()).url);
    const { api: seller } = await api.signIn('Outage Seller', 'seller');
    const event = await createEvent(seller, { name: 'Outage Night', totalTickets: 10 });
    const smtp = testMailServer();
    await smtp.stop();
    let addresses: string[];
    try {
      const started = Date.now();
      addresses = [];
      for (const name of ['outage-a', 'outage-b', 'outage-c']) addresses.push(await paidBuyer(api, event.id, name));
      // Buying did not wait for mail.
      expect(Date.now() - started).to.be.below(8_000);
      await sleep(Math.max(0, 10_000 - (Date.now() - started)));
    } finally {
      await smtp.start();
    }
    for (const address of addresses) await expectMessages(address, 1, 60_000);
  });

  it('sends a message once when its instance is killed mid-send: another instance sends it after the claim runs out', async () => {
    const proxy = await startSmtpStallProxy(testMailServer().smtpPort);
    const dbName = `mailcrash_${Date.now().toString(36)}`;
    const mailEnv = { MAIL_CLAIM_MS: '3000', JOIN_RATE_PER_USER: '0' };
    const first = await startBackend({ dbName, label: 'mail-crash-1', env: { ...mailEnv, SMTP_URL: proxy.url } });
    try {
      const api = new Api(first.url);
      const { api: seller } = await api.signIn('Crash Seller', 'seller');
      const event = await createEvent(seller, { name: 'Crash Night', totalTickets: 5 });
      const address = await paidBuyer(api, event.id, 'crash-buyer');
      await proxy.dataSent; // the confirmation is on the wire, its body not yet accepted
      await first.kill();
      expect(await messagesTo(address)).to.have.length(0);

      const second = await startBackend({ dbName, label: 'mail-crash-2', env: mailEnv });
      const [summary] = await expectMessages(address, 1, 30_000);
      expect((await message(summary!.ID)).Subject).to.equal('Your ticket for Crash Night');
      await sleep(2_000);
      expect(await messagesTo(address)).to.have.length(1);
      await second.stop();
    } finally {
      await proxy.close();
    }
  });

  it('sends each message once with two instances working one outbox', async () => {
    const dbName = `mailtwo_${Date.now().toString(36)}`;
    const env = { JOIN_RATE_PER_USER: '0', MAIL_POLL_MS: '50' };
    const sales = await startBackend({ dbName, label: 'mail-two-1', env });
    const other = await startBackend({ dbName, label: 'mail-two-2', env });
    const api = new Api(sales.url);
    const { api: seller } = await api.signIn('Two Seller', 'seller');
    const event = await createEvent(seller, { name: 'Two Night', totalTickets: 20, maxPerBuyer: 1 });
    const addresses = await Promise.all(Array.from({ length: 12 }, (_, i) => paidBuyer(api, event.id, `two-${i}`)));
    for (const address of addresses) await expectMessages(address, 1, 30_000);
    await sleep(1_500);
    for (const address of addresses) expect(await messagesTo(address), address).to.have.length(1);
    await Promise.all([sales.stop(), other.stop()]);
  });
});
