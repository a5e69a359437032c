import type { RefundReason } from './types.js';

/** Why an entry ended, stored as a code (cheap in memory and snapshots) and shown as text. */
export const outcomeTexts = {
  event_cancelled: 'The event was cancelled.',
  late_payment_honoured: 'Your payment arrived after your offer ended, but the tickets were still free: they are yours.',
  late_payment_refunded: 'Your payment arrived after your offer ended and the tickets were gone; it is refunded in full.',
  over_limit_refunded:
    'Your payment arrived after your offer ended, and with your new place in line it would exceed the tickets one buyer may hold; it is refunded in full.',
  cancelled_refunded: 'The event was cancelled before your payment arrived; it is refunded in full.',
} as const;

export type OutcomeCode = keyof typeof outcomeTexts;

/** Snapshot numbering of outcome codes; append only (0 = none). */
export const outcomeCodes: readonly OutcomeCode[] = [
  'event_cancelled',
  'late_payment_honoured',
  'late_payment_refunded',
  'over_limit_refunded',
  'cancelled_refunded',
];

export const refundMessages: Record<RefundReason, string> = {
  event_cancelled: outcomeTexts.cancelled_refunded,
  tickets_gone: outcomeTexts.late_payment_refunded,
  over_limit: outcomeTexts.over_limit_refunded,
  already_paid: 'This offer was already paid; the second payment is refunded in full.',
  no_offer: 'This payment matches no offer; it is refunded in full.',
};

/** The entry outcome a refund leaves behind, when the entry is the one that missed out. */
export const refundOutcomes: Partial<Record<RefundReason, OutcomeCode>> = {
  event_cancelled: 'cancelled_refunded',
  tickets_gone: 'late_payment_refunded',
  over_limit: 'over_limit_refunded',
};
