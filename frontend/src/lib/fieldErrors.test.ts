import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@/api';
import { fieldErrorsFrom } from './fieldErrors';

describe('fieldErrorsFrom', () => {
  it('maps client-side zod issues to their field, keeping the first message of each', () => {
    const schema = z.object({ name: z.string().min(1, 'Name it'), totalTickets: z.number().int().min(1, 'At least one').max(10, 'Too many') });
    const result = schema.safeParse({ name: '', totalTickets: 0.5 });
    expect(result.success).toBe(false);
    const errors = fieldErrorsFrom(result.error?.issues);
    expect(errors.name).toBe('Name it');
    expect(Object.keys(errors).sort()).toEqual(['name', 'totalTickets']);
  });

  it("reads the server's flattened invalid_request details", () => {
    const error = new ApiError(400, 'invalid_request', 'Invalid event', {
      formErrors: ['Sales must open before the event'],
      fieldErrors: { price: ['Must be 0 or more', 'Must be a whole number'], location: undefined },
    });
    expect(fieldErrorsFrom(error)).toEqual({ price: 'Must be 0 or more', _form: 'Sales must open before the event' });
  });

  it('reads raw issues the server sends under details.issues, with no path meaning the whole form', () => {
    const error = new ApiError(400, 'invalid_request', 'Invalid', {
      issues: [
        { path: ['eventDate'], message: 'In the past' },
        { path: [], message: 'Bad' },
      ],
    });
    expect(fieldErrorsFrom(error)).toEqual({ eventDate: 'In the past', _form: 'Bad' });
  });

  it("falls back to the error's own message when it names no field", () => {
    expect(fieldErrorsFrom(new ApiError(409, 'conflict', 'The event was cancelled'))).toEqual({ _form: 'The event was cancelled' });
  });

  it('finds nothing in something that is not an error', () => {
    expect(fieldErrorsFrom(undefined)).toEqual({});
    expect(fieldErrorsFrom('boom')).toEqual({});
  });
  it("names a ticket type's own field, so the editor shows the error on that type", () => {
    const errors = fieldErrorsFrom([
      { path: ['ticketTypes', 1, 'price'], message: 'Too small' },
      { path: ['ticketTypes'], message: 'at least one ticket type must be visible' },
    ]);
    expect(errors).toEqual({ 'ticketTypes.1.price': 'Too small', ticketTypes: 'at least one ticket type must be visible' });
  });
});
