import type { z } from 'zod';
import { ErrorBody } from '@queuetix/contracts/common';
import { Availability, Event } from '@queuetix/contracts/events';
import { Entry } from '@queuetix/contracts/queue';
import { SaleLine, SalesReport, SellerBuyer, SellerEvent } from '@queuetix/contracts/seller';
import { Ticket } from '@queuetix/contracts/tickets';
import { User } from '@queuetix/contracts/auth';

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
