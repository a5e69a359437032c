import { expect } from 'chai';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';
import { createEvent, payOffer } from '../support/fixtures.js';
import { buyerWithOffer } from './helpers.js';

describe('payments: seller-only access to onboarding and sales', () => {
  let api: Api;
  let owner: Api;
  let event: any;
  before(async () => {
    api = new Api((await sharedBackend()).url);
    ({ api: owner } = await api.signIn('Owner Seller', 'seller'));
    event = await createEvent(owner, { totalTickets: 4, price: 2550 });
    const { buyer } = await buyerWithOffer(api, event.id, 2);
    await payOffer(buyer, event.id);
  });

  it('asks anonymous callers to sign in (401) for onboarding and sales', async () => {
    const anonymous = [
      await api.post('/api/seller/stripe/account'),
      await api.post('/api/seller/stripe/account-link'),
      await api.get('/api/seller/stripe/status'),
      await api.get('/api/seller/events'),
      await api.get(`/api/seller/events/${event.id}/sales`),
    ];
    for (const res of anonymous) {
      expect(res.status).to.equal(401);
      expect(res.body.error.code).to.equal('unauthenticated');
    }
  });

  it('refuses a buyer the onboarding link and every seller view (403), but shows them their own empty status', async () => {
    const { api: buyer } = await api.signIn('Just a Buyer', 'buyer');
    expect((await buyer.get('/api/seller/stripe/status')).body).to.deep.equal({
      accountId: null,
      detailsSubmitted: false,
      chargesEnabled: false,
      payoutsEnabled: false,
    });
    for (const res of [
      await buyer.post('/api/seller/stripe/account-link'),
      await buyer.get('/api/seller/events'),
      await buyer.get(`/api/seller/events/${event.id}/sales`),
    ]) {
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('forbidden');
    }
  });

  it('shows a seller the sales of their own events only', async () => {
    const { api: rival } = await api.signIn('Rival Seller', 'seller');
    expect((await rival.get(`/api/seller/events/${event.id}/sales`)).status).to.equal(403);

    const mine = await owner.get(`/api/seller/events/${event.id}/sales`);
    expect(mine.status).to.equal(200);
    // From the amounts actually paid: 2 × 2550 = 5100, fee Math.round(51) = 51.
    expect(mine.body).to.include({ gross: 5100, fee: 51, net: 5049, sold: 2, refunded: 0 });
  });

  it('asks a seller who has no account yet to create one before linking (409)', async () => {
    const { api: seller } = await api.signIn('Unlinked Seller', 'seller');
    const res = await seller.post('/api/seller/stripe/account-link');
    expect(res.status).to.equal(409);
    expect(res.body.error.message).to.match(/POST \/api\/seller\/stripe\/account first/);
  });
});
