import { z } from 'zod';
import { Ticket } from './tickets.js';

export const CheckoutResponse = z.object({ url: z.string(), sessionId: z.string() });
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;

export const DemoCheckoutCompleteResponse = z.object({ tickets: z.array(Ticket) });

export const StripeAccountResponse = z.object({ accountId: z.string() });
export const StripeAccountLinkResponse = z.object({ url: z.string() });
export const StripeStatusResponse = z.object({
  accountId: z.string().nullable(),
  detailsSubmitted: z.boolean(),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
});
export type StripeStatusResponse = z.infer<typeof StripeStatusResponse>;
