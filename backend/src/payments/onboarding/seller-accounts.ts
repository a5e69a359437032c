import type { UserRepository } from '../../auth/user-repository.js';
import type { StripeStatusResponse } from '@queuetix/contracts/payments';
import { Conflict, Forbidden } from '../../errors.js';
import type { PaymentGateway } from '../gateway.js';

/**
 * Sellers' connected accounts (Stripe Express): created once per user, onboarded through Stripe's
 * hosted pages, and checked before a paid event is published. In demo mode an account is ready
 * the moment it is created.
 */
export class SellerAccounts {
  constructor(private readonly deps: { gateway: PaymentGateway; users: UserRepository; publicUrl: string }) {}

  /** Creates the user's account once (starting onboarding makes them a seller) and returns its id. */
  async ensureAccount(userId: string): Promise<string> {
    const user = await this.deps.users.get(userId);
    if (user?.stripeConnectId) return user.stripeConnectId;
    const accountId = await this.deps.gateway.createAccount(userId);
    await this.deps.users.setStripeConnectId(userId, accountId);
    return accountId;
  }

  /** A fresh onboarding link (they are single-use and short-lived at Stripe). */
  async onboardingLink(userId: string): Promise<string> {
    const user = await this.deps.users.get(userId);
    if (!user || user.role !== 'seller') throw new Forbidden('Only sellers can do this: start seller onboarding first');
    if (!user.stripeConnectId) throw new Conflict('No Stripe account yet: POST /api/seller/stripe/account first');
    const base = this.deps.publicUrl.replace(/\/+$/, '');
    return this.deps.gateway.accountLink(user.stripeConnectId, {
      returnUrl: `${base}/seller/onboarding/return`,
      refreshUrl: `${base}/seller/onboarding/refresh`,
    });
  }

  async status(userId: string): Promise<StripeStatusResponse> {
    const user = await this.deps.users.get(userId);
    if (!user?.stripeConnectId) return { accountId: null, detailsSubmitted: false, chargesEnabled: false, payoutsEnabled: false };
    return this.deps.gateway.accountStatus(user.stripeConnectId);
  }

  /**
   * Why this seller cannot publish a paid event, or undefined when they can. Demo mode moves no
   * money, so every seller may sell there (the dashboard still offers the one-click onboarding).
   */
  async whyCannotSell(ownerId: string): Promise<string | undefined> {
    if (this.deps.gateway.mode === 'demo') return undefined;
    const user = await this.deps.users.get(ownerId);
    if (!user?.stripeConnectId) return 'Connect a Stripe account before selling paid tickets (Dashboard → Get paid with Stripe)';
    const status = await this.deps.gateway.accountStatus(user.stripeConnectId);
    if (!status.chargesEnabled) {
      return status.detailsSubmitted
        ? 'Your Stripe account cannot take charges yet: Stripe is still reviewing it or needs more details'
        : 'Your Stripe account cannot take charges yet: finish Stripe onboarding first';
    }
    return undefined;
  }
}
