import { createHash, randomBytes } from 'node:crypto';
import type { CheckoutSessionRequest, CreatedCheckoutSession, PaymentGateway, RefundRequest, SellerAccountStatus } from './gateway.js';

/**
 * Demo payment mode (no Stripe keys): no money moves. Accounts are ready at once, checkout is our
 * own page at /demo-checkout/<id> (labelled "demo — no card is charged"), and refunds only leave
 * their record in the refund ledger. The purchase and refund paths above this are the real ones.
 */
export class DemoGateway implements PaymentGateway {
  readonly mode = 'demo' as const;

  constructor(private readonly publicUrl: string) {}

  async createAccount(userId: string): Promise<string> {
    return demoAccountId(userId);
  }

  async accountLink(_accountId: string, urls: { returnUrl: string; refreshUrl: string }): Promise<string> {
    // Nothing to fill in: the seller comes straight back, ready.
    return urls.returnUrl;
  }

  async accountStatus(accountId: string): Promise<SellerAccountStatus> {
    return { accountId, detailsSubmitted: true, chargesEnabled: true, payoutsEnabled: true };
  }

  async createCheckoutSession(_request: CheckoutSessionRequest): Promise<CreatedCheckoutSession> {
    const id = `cs_demo_${randomBytes(16).toString('base64url')}`;
    return { id, url: new URL(`/demo-checkout/${id}`, this.publicUrl).toString() };
  }

  async expireCheckoutSession(): Promise<void> {
    // The session record is the only state; the caller marks it expired.
  }

  async refund(request: RefundRequest): Promise<{ refundId: string }> {
    // Deterministic, like Stripe answering a repeated idempotency key with the same refund.
    return { refundId: `re_demo_${createHash('sha256').update(request.idempotencyKey).digest('base64url').slice(0, 24)}` };
  }
}

export function demoAccountId(userId: string): string {
  return `acct_demo_${userId}`;
}

/** The demo payment id of a demo checkout session: one session can be paid once. */
export function demoPaymentId(sessionId: string): string {
  return `pi_demo_${sessionId.replace(/^cs_demo_/, '')}`;
}
