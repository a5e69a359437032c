import type { z } from 'zod';
import { ErrorBody } from '../contracts/common.js';
import { Availability, Event } from '../contracts/events.js';
import { Entry } from '../contracts/queue.js';
import { SaleLine, SalesReport, SellerBuyer, SellerEvent } from '../contracts/seller.js';
import { Ticket } from '../contracts/tickets.js';
import { User } from '../contracts/auth.js';

/** Shapes named in the docs (OpenAPI components); everything else is shown inline. */
export const namedSchemas: Record<string, z.ZodType> = {
  Event,
  Availability,
  Entry,
  Ticket,
  User,
  SellerEvent,
  SalesReport,
  SaleLine,
  SellerBuyer,
  ErrorBody,
};
