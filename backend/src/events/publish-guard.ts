import type { UserDoc } from '../auth/user-repository.js';

/** What a guard is told about the event a seller is about to publish (or re-price). */
export interface PublishAttempt {
  price: number;
  currency: string;
}

/**
 * Decides whether a seller may publish a paid event; throws a DomainError (a Conflict saying why)
 * to refuse. The payments module installs the real one (Stripe account able to take charges);
 * until then every seller may publish.
 */
export type PublishGuard = (seller: UserDoc, event: PublishAttempt) => Promise<void>;

export const allowEveryone: PublishGuard = async () => undefined;
