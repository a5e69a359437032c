import type Stripe from 'stripe';
import type { CheckoutSessionRequest, CreatedCheckoutSession, PaymentGateway, RefundRequest, SellerAccountStatus } from './gateway.js';

/** The gateway over the real Stripe API: Express accounts, Checkout destination charges, refunds. */
export class StripeGateway implements PaymentGateway {
  readonly mode = 'stripe' as const;

  constructor(private readonly stripe: Stripe) {}

  async createAccount(userId: string): Promise<string> {
    const account = await this.stripe.accounts.create(
      {
        type: 'express',
        metadata: { userId },
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      },
      // One account per user even when the button is pressed twice at once.
      { idempotencyKey: `connect-account-${userId}` },
    );
    return account.id;
  }

  async accountLink(accountId: string, urls: { returnUrl: string; refreshUrl: string }): Promise<string> {
    const link = await this.stripe.accountLinks.create({
      account: accountId,
      type: 'account_onboarding',
      return_url: urls.returnUrl,
      refresh_url: urls.refreshUrl,
    });
    return link.url;
  }

  async accountStatus(accountId: string): Promise<SellerAccountStatus> {
    const account = await this.stripe.accounts.retrieve(accountId);
    return {
      accountId,
      detailsSubmitted: account.details_submitted === true,
      chargesEnabled: account.charges_enabled === true,
      payoutsEnabled: account.payouts_enabled === true,
    };
  }

  async createCheckoutSession(request: CheckoutSessionRequest): Promise<CreatedCheckoutSession> {
    const metadata = {
      eventId: request.eventId,
      entryId: request.entryId,
      offerId: request.offerId,
      userId: request.userId,
      quantity: String(request.quantity),
    };
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: request.lines.map((line) => ({
          price_data: {
            currency: request.currency,
            unit_amount: line.unitAmount,
            product_data: { name: line.name, ...(line.description ? { description: line.description } : {}) },
          },
          quantity: line.quantity,
        })),
        payment_intent_data: {
          application_fee_amount: request.feeAmount,
          ...(request.destination ? { transfer_data: { destination: request.destination } } : {}),
          metadata,
        },
        metadata,
        client_reference_id: request.entryId,
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
        expires_at: Math.floor(request.expiresAt.getTime() / 1000),
      },
      { idempotencyKey: request.idempotencyKey },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
    return { id: session.id, url: session.url };
  }

  async expireCheckoutSession(sessionId: string): Promise<void> {
    await this.stripe.checkout.sessions.expire(sessionId);
  }

  async refund(request: RefundRequest): Promise<{ refundId: string }> {
    const refund = await this.stripe.refunds.create(
      {
        payment_intent: request.paymentId,
        ...(request.amount !== undefined ? { amount: request.amount } : {}),
        // A destination charge: take the money back from the seller and give back our fee too.
        reverse_transfer: true,
        refund_application_fee: true,
        metadata: request.metadata,
      },
      { idempotencyKey: request.idempotencyKey },
    );
    return { refundId: refund.id };
  }
}
