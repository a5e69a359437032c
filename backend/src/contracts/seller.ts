import { z } from 'zod';
import { IsoDate } from './common.js';
import { Event } from './events.js';

export const Revenue = z.object({ gross: z.number().int(), fee: z.number().int(), net: z.number().int() });

export const SellerEvent = Event.extend({
  sold: z.number().int(),
  held: z.number().int(),
  free: z.number().int(),
  waiting: z.number().int(),
  gross: z.number().int(),
  fee: z.number().int(),
  net: z.number().int(),
});
export type SellerEvent = z.infer<typeof SellerEvent>;

export const SalesReport = z.object({
  gross: z.number().int(),
  fee: z.number().int(),
  net: z.number().int(),
  sold: z.number().int(),
  refunded: z.number().int(),
  timeline: z.array(z.object({ at: IsoDate, sold: z.number().int() })),
});
export type SalesReport = z.infer<typeof SalesReport>;
