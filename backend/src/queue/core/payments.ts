import { refundMessages } from './outcomes.js';
import type { QueueState } from './state.js';
import type { PaymentOutcome } from './types.js';

/** What became of a payment already applied (e.g. for the demo checkout page), if any. */
export function paymentOf(state: QueueState, paymentId: string): PaymentOutcome | undefined {
  const record = state.payments.get(paymentId);
  if (!record) return undefined;
  return record.reason ? { ...record, message: refundMessages[record.reason] } : { ...record };
}
