import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { Api } from '../support/api.js';
import { sharedBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { buy } from './support/buy.js';

const CROCKFORD_16 = /^[0-9A-HJKMNP-TV-Z]{16}$/;

describe('tickets: door codes are easy to type', () => {
  let backend: Backend;
  let seller: Api;
  let buyer: Api;
  before(async () => {
    backend = await sharedBackend();
    const anon = new Api(backend.url);
    seller = (await anon.signIn('Code Seller', 'seller')).api;
    buyer = (await anon.signIn('Code Buyer')).api;
  });

  const scan = async (eventId: string, code: string) => (await seller.post(`/api/events/${eventId}/check-in`, { code })).body.result;

  it('issues 16-symbol codes from an alphabet without look-alikes (80 random bits), all different', async () => {
    const event = await createEvent(seller);
    const tickets = await buy(buyer, event.id, 4);
    for (const t of tickets) expect(t.code).to.match(CROCKFORD_16);
    expect(new Set(tickets.map((t) => t.code)).size).to.equal(4);
  });

  it('admits a code typed in lower case, in groups with dashes or spaces, with O for 0 and l or I for 1', async () => {
    const event = await createEvent(seller);
    const [a, b, c] = await buy(buyer, event.id, 3);
    const grouped = (code: string, sep: string) => code.match(/.{4}/g)!.join(sep);
    expect(await scan(event.id, grouped(a.code, '-').toLowerCase())).to.equal('admitted');
    expect(await scan(event.id, ` ${grouped(b.code, ' ')} `)).to.equal('admitted');
    const lookAlikes = c.code.replace(/0/g, 'o').replace(/1/g, 'l').toLowerCase();
    expect(await scan(event.id, lookAlikes)).to.equal('admitted');
    expect(await scan(event.id, a.code)).to.equal('already_used');
    expect(await scan(event.id, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ')).to.equal('not_found');
  });

  it('still admits a ticket issued with an old 22-character code, by exact match only', async () => {
    const event = await createEvent(seller);
    const [ticket] = await buy(buyer, event.id, 1);
    // A ticket issued before this change: its code is 128 bits of case-sensitive base64url.
    let oldCode = randomBytes(16).toString('base64url');
    while (oldCode === oldCode.toUpperCase()) oldCode = randomBytes(16).toString('base64url');
    const client = await MongoClient.connect(process.env.QUEUETIX_TEST_MONGODB_URL!);
    try {
      await client
        .db(backend.dbName)
        .collection<{ _id: string; code: string }>('tickets')
        .updateOne({ _id: ticket.id }, { $set: { code: oldCode } });
    } finally {
      await client.close();
    }
    expect(await scan(event.id, oldCode.toUpperCase())).to.equal('not_found');
    expect(await scan(event.id, oldCode)).to.equal('admitted');
  });
});
