import { z } from 'zod';
import { Id, IsoDate } from './common.js';

/** A check-in pass: lets door staff check tickets in for one event, without the seller's sign-in. */
export const CheckInPass = z.object({
  id: z.string(),
  eventId: z.string(),
  label: z.string(),
  createdAt: IsoDate,
  revokedAt: IsoDate.nullable(),
});
export type CheckInPass = z.infer<typeof CheckInPass>;

export const CreateCheckInPassRequest = z.strictObject({ label: z.string().trim().min(1).max(80) });
export type CreateCheckInPassRequest = z.infer<typeof CreateCheckInPassRequest>;

/** The token is shown once, here: only its hash is stored. `url` opens the staff page with it. */
export const CreateCheckInPassResponse = z.object({ pass: CheckInPass, token: z.string(), url: z.string() });
export type CreateCheckInPassResponse = z.infer<typeof CreateCheckInPassResponse>;

export const CheckInPassList = z.object({ items: z.array(CheckInPass) });
export type CheckInPassList = z.infer<typeof CheckInPassList>;

export const CheckInPassParams = z.object({ id: Id, passId: Id });

/** GET /api/events/:id/door: what door staff see. */
export const DoorCount = z.object({
  eventId: z.string(),
  eventName: z.string(),
  eventDate: IsoDate,
  admitted: z.number().int(),
  sold: z.number().int(),
});
export type DoorCount = z.infer<typeof DoorCount>;
