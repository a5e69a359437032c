import { z } from 'zod';

export const Role = z.enum(['buyer', 'seller']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  stripeConnectId: z.string().optional(),
  /** Where tickets and "it's your turn" messages go (from the identity provider, or set by the user). */
  email: z.string().optional(),
});
export type User = z.infer<typeof User>;

export const DevSignInRequest = z.strictObject({
  name: z.string().trim().min(1).max(80),
  role: Role,
  userId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
    .optional(),
  /** Where this user's tickets are emailed (a Clerk token carries it as the `email` claim). */
  email: z.email('must be an email address').max(254).optional(),
});
export type DevSignInRequest = z.infer<typeof DevSignInRequest>;

export const DevSignInResponse = z.object({ token: z.string(), user: User });
export type DevSignInResponse = z.infer<typeof DevSignInResponse>;

export const MeResponse = z.object({ user: User });
export type MeResponse = z.infer<typeof MeResponse>;

export const HealthResponse = z.object({ ok: z.boolean(), db: z.enum(['up', 'down']) });

/** What a browser needs to know about this deployment before signing in or paying. */
export const PublicConfig = z.object({
  authMode: z.enum(['clerk', 'dev']),
  clerkPublishableKey: z.string().optional(),
  paymentMode: z.enum(['stripe', 'demo']),
  /** Dev sign-in, demo payments or an operator's QUEUETIX_DEMO=1: show the demo banner. */
  demo: z.boolean(),
});
export type PublicConfig = z.infer<typeof PublicConfig>;

/** Where a user's tickets and messages go. */
export const UpdateEmailRequest = z.strictObject({ email: z.email('must be an email address').max(254) });
export type UpdateEmailRequest = z.infer<typeof UpdateEmailRequest>;
