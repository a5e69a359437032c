/**
 * What payments needs from a payment provider. Two implementations: Stripe (the real SDK, or
 * stripe-mock in tests) and demo mode (our own clearly labelled stand-in; no money moves).
 * Everything above this interface is the same in both modes.
 */
export interface SellerAccountStatus {
  accountId: string;
  detailsSubmitted: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
}

export interface CheckoutSessionRequest {
  eventId: string;
  entryId: string;
  offerId: string;
  userId: string;
  eventName: string;
  unitAmount: number;
  quantity: number;
  /**
   * The Stripe Checkout line items: one per type, at the price paid per ticket, named with the
   * type and any discount (e.g. "VIP — code SPRING: 5.00 off each").
   */
  lines: { name: string; description?: string; unitAmount: number; quantity: number }[];
  currency: string;
  /** application_fee_amount: platformFee(unitAmount * quantity). */
  feeAmount: number;
  /** The seller's connected account (destination charge). */
  destination: string | undefined;
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
  idempotencyKey: string;
}

export interface CreatedCheckoutSession {
  id: string;
  url: string;
}

export interface RefundRequest {
  /** The PaymentIntent id (or the demo payment id). */
  paymentId: string;
  /** Omitted: the whole remaining amount of the payment. */
  amount?: number;
  idempotencyKey: string;
  metadata: Record<string, string>;
}

export interface PaymentGateway {
  readonly mode: 'stripe' | 'demo';
  createAccount(userId: string): Promise<string>;
  accountLink(accountId: string, urls: { returnUrl: string; refreshUrl: string }): Promise<string>;
  accountStatus(accountId: string): Promise<SellerAccountStatus>;
  createCheckoutSession(request: CheckoutSessionRequest): Promise<CreatedCheckoutSession>;
  /** Ends an open session so it can no longer be paid. Throws when the provider refuses. */
  expireCheckoutSession(sessionId: string): Promise<void>;
  /** Refunds in full (or `amount`), reversing the transfer and refunding the platform fee. */
  refund(request: RefundRequest): Promise<{ refundId: string }>;
}
