import { expect } from 'chai';
import type { Api } from '../support/api.js';
import type { Backend } from '../support/backend.js';
import { eventually } from '../support/fixtures.js';
import { startStripeMock, type StripeMock } from '../support/stripe-mock.js';
import { buyerWithOffer, connectedSeller, createEvent, newApi, READY_ACCOUNT, startStripeBackend } from './helpers.js';

describe('payments: Stripe Connect onboarding and checkout (stripe-mock)', () => {
  let stripe: StripeMock;
  let backend: Backend;
  let api: Api;
  before(async () => {
    stripe = await startStripeMock();
    backend = await startStripeBackend(stripe, { label: 'stripe-checkout' });
    api = newApi(backend);
  });
  after(async () => {
    await backend?.stop();
    await stripe?.stop();
  });
  beforeEach(() => stripe.setAccountDefaults(READY_ACCOUNT));

  it('creates one Express account per user, makes them a seller, and links onboarding back to the dashboard', async () => {
    const { api: user, user: me } = await api.signIn('Future Seller', 'buyer');
    const [first, second] = await Promise.all([user.post('/api/seller/stripe/account'), user.post('/api/seller/stripe/account')]);
    const third = await user.post('/api/seller/stripe/account');
    expect(first.status).to.equal(200);
    expect(first.body.accountId).to.match(/^acct_/);
    expect(second.body).to.deep.equal(first.body);
    expect(third.body).to.deep.equal(first.body);
    const creates = stripe.acted('POST', '/v1/accounts').filter((r) => r.params.get('metadata[userId]') === me.id);
    expect(creates).to.have.length(1);
    expect(creates[0]!.params.get('type')).to.equal('express');
    expect((await user.get('/api/me')).body.user).to.include({ role: 'seller', stripeConnectId: first.body.accountId });

    const link = await user.post('/api/seller/stripe/account-link');
    expect(link.status).to.equal(200);
    expect(link.body.url).to.match(/^https:\/\//);
    const linkRequest = stripe.acted('POST', '/v1/account_links').at(-1)!;
    expect(Object.fromEntries(linkRequest.params)).to.deep.include({
      account: first.body.accountId,
      type: 'account_onboarding',
      return_url: 'http://shop.example.test/seller/onboarding/return',
      refresh_url: 'http://shop.example.test/seller/onboarding/refresh',
    });

    stripe.setAccountDefaults({ details_submitted: true, charges_enabled: false, payouts_enabled: false });
    const status = await user.get('/api/seller/stripe/status');
    expect(status.body).to.deep.equal({ accountId: first.body.accountId, detailsSubmitted: true, chargesEnabled: false, payoutsEnabled: false });
  });

  it('refuses a paid event from a seller whose account cannot take charges, saying why (409)', async () => {
    const { api: noAccount } = await api.signIn('No Account', 'seller');
    const refused = await noAccount.post('/api/events', eventFields({ price: 1000 }));
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('conflict');
    expect(refused.body.error.message).to.match(/Connect a Stripe account/);

    const { seller } = await connectedSeller(api, 'Unfinished Seller');
    stripe.setAccountDefaults({ details_submitted: false, charges_enabled: false, payouts_enabled: false });
    const notYet = await seller.post('/api/events', eventFields({ price: 1000 }));
    expect(notYet.status).to.equal(409);
    expect(notYet.body.error.message).to.match(/cannot take charges yet: finish Stripe onboarding/);
    // A free event moves no money: no account needed.
    expect((await seller.post('/api/events', eventFields({ price: 0 }))).status).to.equal(201);

    stripe.setAccountDefaults(READY_ACCOUNT);
    expect((await seller.post('/api/events', eventFields({ price: 1000 }))).status).to.equal(201);
  });

  it('starts a Checkout Session as a destination charge with the 1% fee, the offer in metadata, and URLs back to the site', async () => {
    const { seller, accountId } = await connectedSeller(api, 'Fee Seller');
    const event = await createEvent(seller, { name: 'Fee Night', price: 2550, totalTickets: 5 });
    const { buyer, entry, userId } = await buyerWithOffer(api, event.id, 3);

    const startedAt = Math.floor(Date.now() / 1000);
    const checkout = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'site' });
    expect(checkout.status).to.equal(200);
    expect(checkout.body.sessionId).to.match(/^cs_/);
    expect(checkout.body.url).to.match(/^https:\/\/checkout\.stripe\.com\//);

    const create = stripe.acted('POST', '/v1/checkout/sessions').find((r) => r.body?.id === checkout.body.sessionId)!;
    const p = Object.fromEntries(create.params);
    expect(p).to.deep.include({
      mode: 'payment',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '2550',
      'line_items[0][price_data][product_data][name]': 'Fee Night',
      'line_items[0][quantity]': '3',
      // 3 × 2550 = 7650; Math.round(76.5) = 77.
      'payment_intent_data[application_fee_amount]': '77',
      'payment_intent_data[transfer_data][destination]': accountId,
      'metadata[eventId]': event.id,
      'metadata[entryId]': entry.id,
      'metadata[offerId]': entry.offerId,
      'metadata[userId]': userId,
      success_url: `http://shop.example.test/checkout/success?session_id={CHECKOUT_SESSION_ID}&event=${event.id}`,
      cancel_url: `http://shop.example.test/checkout/cancel?event=${event.id}`,
    });
    // Stripe's minimum lifetime is 30 minutes; the session also never ends before the offer.
    expect(Number(p.expires_at)).to.be.at.least(startedAt + 30 * 60);
    expect(Number(p.expires_at) * 1000).to.be.at.least(Date.parse(entry.offerExpiresAt));
    expect(create.idempotencyKey).to.be.a('string');
  });

  it('sends the widget popup back to /embed/checkout-done', async () => {
    const { seller } = await connectedSeller(api, 'Popup Seller');
    const event = await createEvent(seller, { totalTickets: 2 });
    const { buyer } = await buyerWithOffer(api, event.id, 1);
    const checkout = await buyer.post(`/api/events/${event.id}/checkout`, { flow: 'popup' });
    const p = Object.fromEntries(stripe.acted('POST', '/v1/checkout/sessions').find((r) => r.body?.id === checkout.body.sessionId)!.params);
    expect(p.success_url).to.equal('http://shop.example.test/embed/checkout-done?status=success&session_id={CHECKOUT_SESSION_ID}');
    expect(p.cancel_url).to.equal('http://shop.example.test/embed/checkout-done?status=cancel');
  });

  it('returns the same open session when checkout starts twice for one offer, and Stripe makes one', async () => {
    const { seller } = await connectedSeller(api, 'Reuse Seller');
    const event = await createEvent(seller, { totalTickets: 2 });
    const { buyer, entry } = await buyerWithOffer(api, event.id, 1);
    const [a, b] = await Promise.all([buyer.post(`/api/events/${event.id}/checkout`), buyer.post(`/api/events/${event.id}/checkout`)]);
    const c = await buyer.post(`/api/events/${event.id}/checkout`);
    expect(a.status).to.equal(200);
    expect(b.body).to.deep.equal(a.body);
    expect(c.body).to.deep.equal(a.body);
    const made = new Set(
      stripe
        .acted('POST', '/v1/checkout/sessions')
        .filter((r) => r.params.get('metadata[offerId]') === entry.offerId)
        .map((r) => r.body.id),
    );
    // Concurrent starts may both ask Stripe; one wins the offer's record and any other session is expired at once.
    const expired = new Set(stripe.acted('POST', '/v1/checkout/sessions/').map((r) => r.path.split('/')[4]));
    expect([...made].filter((id) => !expired.has(id))).to.deep.equal([a.body.sessionId]);
  });

  it('expires the Stripe session through the API when the offer ends unpaid', async () => {
    const { seller } = await connectedSeller(api, 'Expiry Seller');
    const event = await createEvent(seller, { totalTickets: 2 });
    const { buyer } = await buyerWithOffer(api, event.id, 1);
    const { body } = await buyer.post(`/api/events/${event.id}/checkout`);
    expect(stripe.acted('POST', `/v1/checkout/sessions/${body.sessionId}/expire`)).to.have.length(0);

    expect((await buyer.delete(`/api/events/${event.id}/queue/me`)).body.status).to.equal('left');
    await eventually(
      async () => (stripe.acted('POST', `/v1/checkout/sessions/${body.sessionId}/expire`).length === 1 ? true : undefined),
      5_000,
      'session expire call',
    );
    const again = await buyer.post(`/api/events/${event.id}/checkout`);
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('offer_expired');
  });
});

function eventFields(overrides: Record<string, unknown>) {
  return {
    name: 'Guarded Show',
    description: '',
    location: 'Hall',
    eventDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    price: 1000,
    totalTickets: 10,
    ...overrides,
  };
}
