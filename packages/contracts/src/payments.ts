import { z } from 'zod';
import { CodeText } from './codes.js';
import { OfferedItem } from './ticket-types.js';
import { Ticket } from './tickets.js';

/**
 * Optional body of POST /api/events/:id/checkout. `flow: 'popup'` is used by the widget: the
 * success/cancel URLs then point at /embed/checkout-done, which tells the opener and closes itself.
 */
export const CheckoutRequest = z.strictObject({
  flow: z.enum(['site', 'popup']).default('site'),
  /** Apply a discount code to the offer now (when the entry has none yet); `code_invalid` if it does not work. */
  discountCode: CodeText.optional(),
});
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;

export const CheckoutResponse = z.object({ url: z.string(), sessionId: z.string() });
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;

/** GET /api/demo-checkout/:sessionId (demo payment mode only): what the demo checkout page shows. */
export const DemoCheckoutSession = z.object({
  sessionId: z.string(),
  eventId: z.string(),
  eventName: z.string(),
  quantity: z.number().int(),
  amount: z.number().int(),
  currency: z.string(),
  /** The lines as Stripe Checkout shows them: per type, with names and the discount. */
  items: z.array(OfferedItem.extend({ name: z.string() })),
  discountCode: z.string().optional(),
  status: z.enum(['open', 'complete', 'expired']),
  expiresAt: z.string(),
  successUrl: z.string(),
  cancelUrl: z.string(),
});
export type DemoCheckoutSession = z.infer<typeof DemoCheckoutSession>;

export const DemoCheckoutCompleteResponse = z.object({ tickets: z.array(Ticket) });
export type DemoCheckoutCompleteResponse = z.infer<typeof DemoCheckoutCompleteResponse>;

/**
 * GET /api/checkout/sessions/:sessionId: where the buyer's own checkout stands, for the page they
 * come back to. `paid`: the payment is verified and these are its tickets; `pending`: not confirmed
 * yet (Stripe's webhook may still be on its way); `refunded`: paid, but the tickets were gone, so the
 * money went back; `expired`: it ended without payment.
 */
export const CheckoutSessionState = DemoCheckoutSession.pick({
  sessionId: true,
  eventId: true,
  eventName: true,
  quantity: true,
  amount: true,
  currency: true,
}).extend({
  status: z.enum(['paid', 'pending', 'refunded', 'expired']),
  tickets: z.array(Ticket),
});
export type CheckoutSessionState = z.infer<typeof CheckoutSessionState>;

export const StripeAccountResponse = z.object({ accountId: z.string() });
export type StripeAccountResponse = z.infer<typeof StripeAccountResponse>;
export const StripeAccountLinkResponse = z.object({ url: z.string() });
export type StripeAccountLinkResponse = z.infer<typeof StripeAccountLinkResponse>;
export const StripeStatusResponse = z.object({
  accountId: z.string().nullable(),
  detailsSubmitted: z.boolean(),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
});
export type StripeStatusResponse = z.infer<typeof StripeStatusResponse>;

/** Messages the Queuetix-origin popup pages post to the page that opened them (the widget). */
export const EmbedMessage = z.discriminatedUnion('type', [
  // An embed token (aud queuetix-embed) for one event, never the site session; renewed through the popup.
  z.object({
    type: z.literal('queuetix:token'),
    token: z.string(),
    user: z.object({ id: z.string(), name: z.string() }),
    eventId: z.string(),
    expiresAt: z.string(),
  }),
  z.object({ type: z.literal('queuetix:checkout'), status: z.enum(['success', 'cancel']), sessionId: z.string().optional() }),
]);
export type EmbedMessage = z.infer<typeof EmbedMessage>;
export type EmbedTokenMessage = Extract<EmbedMessage, { type: 'queuetix:token' }>;
export type EmbedCheckoutMessage = Extract<EmbedMessage, { type: 'queuetix:checkout' }>;
